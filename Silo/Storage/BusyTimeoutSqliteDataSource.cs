using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AeorDb.Silo.Storage;

/// <summary>
/// Hands Orleans' ADO.NET provider Microsoft.Data.Sqlite connections that set <c>busy_timeout</c> as they open
/// (see <see cref="SqliteDatabase"/> for why). A connection string cannot carry that pragma, and the provider
/// opens its own connections, so the hook sits here.
/// </summary>
internal sealed class BusyTimeoutSqliteDataSource(string connectionString) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(connectionString);
        connection.StateChange += OnStateChange;
        return connection;
    }

    private static void OnStateChange(object sender, StateChangeEventArgs change)
    {
        if (change.CurrentState == ConnectionState.Open && sender is SqliteConnection connection)
        {
            SqliteDatabase.ApplyPragmas(connection);
        }
    }
}
