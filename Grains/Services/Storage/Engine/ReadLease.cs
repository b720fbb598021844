using System.Data.Common;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>
/// A read statement lent by the dialect (<see cref="SqlNodeStore.OpenRead"/>): SQLite lends a prepared statement of a
/// pooled WAL read connection, PostgreSQL a command on its connection pool. Disposing gives it back.
/// </summary>
internal readonly struct ReadLease(DbCommand command, SqlNodeStore owner, object? state) : IDisposable
{
    public DbCommand Command { get; } = command;

    /// <summary>Sets parameter <paramref name="index"/> and returns the command.</summary>
    public DbCommand Bind(int index, object value)
    {
        Command.Parameters[index].Value = value;
        return Command;
    }

    public void Dispose() => owner.EndRead(Command, state);
}
