using System.Data.Common;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>
/// A read statement lent by the dialect (<see cref="SqlNodeStore.OpenRead"/>): SQLite lends a prepared statement of a
/// pooled WAL read connection, PostgreSQL a command on its connection pool. Disposing gives it back to its owner (none: the
/// caller holds the connection).
/// </summary>
/// <param name="synchronous">
/// Run the statement with the synchronous calls: SQLite has no asynchronous I/O, and its providers' async methods only
/// wrap the synchronous ones in tasks, which slowed history lookups by about a third.
/// </param>
internal readonly struct ReadLease(DbCommand command, SqlNodeStore? owner, object? state, bool synchronous) : IDisposable
{
    public DbCommand Command { get; } = command;

    public bool Synchronous { get; } = synchronous;

    /// <summary>Sets parameter <paramref name="index"/> and returns this lease.</summary>
    public ReadLease Bind(int index, object value)
    {
        Command.Parameters[index].Value = value;
        return this;
    }

    public ValueTask<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) =>
        Synchronous ? new(Command.ExecuteReader()) : new(Command.ExecuteReaderAsync(cancellationToken));

    public ValueTask<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        Synchronous ? new(Command.ExecuteScalar()) : new(Command.ExecuteScalarAsync(cancellationToken));

    /// <summary>Advances <paramref name="reader"/> (one of this lease's) to its next row.</summary>
    public ValueTask<bool> ReadAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        Synchronous ? new(reader.Read()) : new(reader.ReadAsync(cancellationToken));

    public void Dispose() => owner?.EndRead(Command, state);
}
