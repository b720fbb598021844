using System.Data;
using AeorDb.Grains.Services.Collection;
using AeorDb.Grains.Services.Storage.Engine;
using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// Garbage collection's mechanics on SQLite: the mark phase reads a snapshot on a connection of its own (a deferred
/// transaction: WAL keeps its first read's view) and streams rows, since SQLite serves the marker's object reads
/// while a reader is open; retention counts from this node's clock; one process owns the file, so nothing beyond
/// this store's writes in flight needs sparing.
/// </summary>
internal sealed partial class SqliteObjectStore
{
    private protected override ValueTask<WriteScope> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {BusyTimeoutMs()}");
            return ValueTask.FromResult(new WriteScope(connection, connection.BeginTransaction(deferred: true), ownsConnection: true));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private protected override ValueTask ForEachRowAsync(WriteScope scope, SqlStatement statement, Action<IDataRecord> action, CancellationToken cancellationToken)
    {
        using var command = scope.Command(statement);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            action(reader);
        }

        return ValueTask.CompletedTask;
    }

    private protected override ValueTask<long> ReadSnapshotNowAsync(WriteScope scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Time.GetUtcNow().ToUnixTimeMilliseconds());

    private protected override TimeSpan? SharedStoreMinAge(GarbageCollectionOptions options) => null;
}
