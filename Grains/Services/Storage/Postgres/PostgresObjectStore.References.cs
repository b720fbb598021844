using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>The reference index's lookup (<see cref="AeorDb.Grains.Interfaces.IObjectReferences"/>).</summary>
internal sealed partial class PostgresObjectStore
{
    public async Task<IReadOnlyList<string>> GetReferencingPathsAsync(ReadOnlyMemory<byte> hash, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = KeyedCommand(PostgresStoreSql.SelectReferencingPaths, ObjectBytes.KeyOf(hash));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, limit) });
        var paths = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            paths.Add(reader.GetString(0));
        }

        return paths;
    }
}
