namespace AeorDb.Grains.Services.Storage;

/// <summary>The reference index's lookup (<see cref="AeorDb.Grains.Interfaces.IObjectReferences"/>).</summary>
internal sealed partial class SqliteObjectStore
{
    public async Task<IReadOnlyList<string>> GetReferencingPathsAsync(ReadOnlyMemory<byte> hash, int limit, CancellationToken cancellationToken = default)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = session.ReferencingPaths;
            command.Parameters[0].Value = ObjectBytes.KeyOf(hash);
            command.Parameters[1].Value = (long)Math.Max(0, limit);
            var paths = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                paths.Add(reader.GetString(0));
            }

            return paths;
        }
        finally
        {
            ReturnReader(session);
        }
    }
}
