using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>Prepared commands the store keeps for a connection's lifetime, and one-shot statements (pragmas).</summary>
internal static class SqliteCommands
{
    /// <summary>A command of <paramref name="sql"/> with its parameters declared, values set per use.</summary>
    public static SqliteCommand Prepare(this SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        return command;
    }

    /// <summary>Runs one statement without parameters (a pragma, DDL), optionally in <paramref name="transaction"/>.</summary>
    public static void Execute(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row of one statement without parameters.</summary>
    public static object? Scalar(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
