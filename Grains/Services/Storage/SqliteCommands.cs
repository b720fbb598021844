using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>Prepared commands the store keeps for a connection's lifetime.</summary>
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
}
