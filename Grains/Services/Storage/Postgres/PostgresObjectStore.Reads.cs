using System.Data.Common;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Storage.Engine;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>The read side of the PostgreSQL dialect: a command per read on the pool (Npgsql prepares the repeated ones per connection).</summary>
internal sealed partial class PostgresObjectStore
{
    private protected override ValueTask<ReadLease> OpenRead(SqlStatement statement, CancellationToken cancellationToken)
    {
        var command = DataSource.CreateCommand(statement.Text);
        statement.DeclareParameters(command);
        return ValueTask.FromResult(new ReadLease(command, this, null, synchronous: false));
    }

    internal override void EndRead(DbCommand command, object? state) => command.Dispose();

    /// <summary>One query for all paths: the newest rows of each, ranked on the server.</summary>
    private protected override async Task ReadHistoriesAsync(IReadOnlyCollection<string> paths, Dictionary<string, IReadOnlyList<FileEntry>> histories, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(PostgresStoreSql.SelectHistories);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. paths] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hash = new byte[ContentHasher.HashLength];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            AddHistoryRow(histories, reader, hash);
        }
    }
}
