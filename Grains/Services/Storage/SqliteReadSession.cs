using AeorDb.Grains.Services.Storage.Engine;
using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// One pooled read connection with its prepared statements. In WAL mode readers see the last committed
/// state and never block the writer. A session serves one caller at a time (the pool hands it out).
/// </summary>
internal sealed class SqliteReadSession : IDisposable
{
    private readonly Dictionary<SqlStatement, SqliteCommand> _prepared = [];

    public SqliteReadSession(SqliteConnection connection)
    {
        Connection = connection;
        ObjectRecord = Prepare(SqliteStoreSql.SelectObjectRecord, "$hash", SqliteType.Blob);
        ObjectData = Prepare(SqliteStoreSql.SelectObjectData, "$hash", SqliteType.Blob);
        ObjectInfo = Prepare(SqliteStoreSql.SelectObjectInfo, "$hash", SqliteType.Blob);
        ObjectExists = Prepare(SqliteStoreSql.SelectObjectExists, "$hash", SqliteType.Blob);
        AllHistory = Prepare(SqliteStoreSql.SelectAllHistory);
        HistoryRows = Prepare(SqliteStoreSql.SelectHistoryRows);
    }

    public SqliteConnection Connection { get; }

    public SqliteCommand ObjectRecord { get; }

    public SqliteCommand ObjectData { get; }

    public SqliteCommand ObjectInfo { get; }

    public SqliteCommand ObjectExists { get; }

    public SqliteCommand AllHistory { get; }

    public SqliteCommand HistoryRows { get; }

    /// <summary>This session's prepared command for <paramref name="statement"/>, prepared on first use.</summary>
    public SqliteCommand Prepared(SqlStatement statement)
    {
        if (!_prepared.TryGetValue(statement, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = statement.Text;
            statement.DeclareParameters(command);
            _prepared[statement] = command;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        ObjectRecord.Dispose();
        ObjectData.Dispose();
        ObjectInfo.Dispose();
        ObjectExists.Dispose();
        AllHistory.Dispose();
        HistoryRows.Dispose();
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
