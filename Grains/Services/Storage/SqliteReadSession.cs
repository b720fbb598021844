using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// One pooled read connection with its prepared statements. In WAL mode readers see the last committed
/// state and never block the writer. A session serves one caller at a time (the pool hands it out).
/// </summary>
internal sealed class SqliteReadSession : IDisposable
{
    public SqliteReadSession(SqliteConnection connection)
    {
        Connection = connection;
        ObjectRecord = Prepare(SqliteStoreSql.SelectObjectRecord, "$hash", SqliteType.Blob);
        ObjectData = Prepare(SqliteStoreSql.SelectObjectData, "$hash", SqliteType.Blob);
        ObjectInfo = Prepare(SqliteStoreSql.SelectObjectInfo, "$hash", SqliteType.Blob);
        ObjectExists = Prepare(SqliteStoreSql.SelectObjectExists, "$hash", SqliteType.Blob);
        CatalogEntry = Prepare(SqliteStoreSql.SelectCatalogEntry, "$path", SqliteType.Text);
        History = Prepare(SqliteStoreSql.SelectHistory, "$path", SqliteType.Text);
        Catalog = Prepare(SqliteStoreSql.SelectCatalog);
        HeadRoot = Prepare(SqliteStoreSql.SelectHeadRoot);
        RootExists = Prepare(SqliteStoreSql.SelectRootExists, "$root_hash", SqliteType.Blob);
        DeletionsSince = Prepare(SqliteStoreSql.SelectDeletionsSince, "$root_hash", SqliteType.Blob);
        AllHistory = Prepare(SqliteStoreSql.SelectAllHistory);
        HistoryRows = Prepare(SqliteStoreSql.SelectHistoryRows);
        ReferencingPaths = Prepare(SqliteStoreSql.SelectReferencingPaths, "$hash", SqliteType.Blob);
        ReferencingPaths.Parameters.Add("$limit", SqliteType.Integer);
    }

    public SqliteConnection Connection { get; }

    public SqliteCommand ObjectRecord { get; }

    public SqliteCommand ObjectData { get; }

    public SqliteCommand ObjectInfo { get; }

    public SqliteCommand ObjectExists { get; }

    public SqliteCommand CatalogEntry { get; }

    public SqliteCommand Catalog { get; }

    public SqliteCommand History { get; }

    public SqliteCommand HeadRoot { get; }

    public SqliteCommand RootExists { get; }

    public SqliteCommand DeletionsSince { get; }

    public SqliteCommand AllHistory { get; }

    public SqliteCommand HistoryRows { get; }

    /// <summary>Parameters: $hash, $limit.</summary>
    public SqliteCommand ReferencingPaths { get; }

    public void Dispose()
    {
        ObjectRecord.Dispose();
        ObjectData.Dispose();
        ObjectInfo.Dispose();
        ObjectExists.Dispose();
        CatalogEntry.Dispose();
        History.Dispose();
        Catalog.Dispose();
        HeadRoot.Dispose();
        RootExists.Dispose();
        DeletionsSince.Dispose();
        AllHistory.Dispose();
        HistoryRows.Dispose();
        ReferencingPaths.Dispose();
        Connection.Dispose();
    }

    /// <summary>Binds the single parameter of a keyed statement.</summary>
    public static SqliteCommand Bind(SqliteCommand command, object value)
    {
        command.Parameters[0].Value = value;
        return command;
    }

    private SqliteCommand Prepare(string sql, string? parameter = null, SqliteType type = SqliteType.Blob)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            command.Parameters.Add(parameter, type);
        }

        return command;
    }
}
