using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Storage;

namespace AeorDb.Api.Auth.Keys;

/// <summary>
/// API key records under <see cref="Directory"/>, one file per key named by its 16-hex prefix. Lookups for
/// request authentication go through a short, bounded cache; a local change drops the cached record at once,
/// a change replicated from a peer is seen within <see cref="CacheLifetime"/>.
/// </summary>
internal sealed class ApiKeyStore(IFileContent files, TimeProvider time)
{
    public const string Directory = "/.aeordb-system/api-keys";

    /// <summary>How long a record read for authentication is reused.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private readonly BoundedCache<Guid, ApiKeyRecord?> _cache = new(10_000, time);

    public static string PathOf(string prefix) => Directory + "/" + prefix;

    /// <summary>The record whose key id starts with <paramref name="prefix"/>, or null.</summary>
    public Task<ApiKeyRecord?> GetByPrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        SystemRecords.ReadAsync<ApiKeyRecord>(files, PathOf(prefix), cancellationToken);

    /// <summary>The record of <paramref name="keyId"/>, or null (also when the file under its prefix belongs to another id).</summary>
    public async Task<ApiKeyRecord?> GetAsync(Guid keyId, CancellationToken cancellationToken = default)
    {
        var record = await GetByPrefixAsync(ApiKeyFormat.PrefixOf(keyId), cancellationToken).ConfigureAwait(false);
        return record?.KeyId == keyId ? record : null;
    }

    /// <summary>Like <see cref="GetAsync"/>, through the cache: the per-request lookup behind a JWT's <c>key_id</c>.</summary>
    public async ValueTask<ApiKeyRecord?> GetCachedAsync(Guid keyId, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGet(keyId, out var cached))
        {
            return cached;
        }

        var record = await GetAsync(keyId, cancellationToken).ConfigureAwait(false);
        _cache.Set(keyId, record, time.GetUtcNow() + CacheLifetime);
        return record;
    }

    /// <summary>Every stored record (unreadable files skipped).</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var names = await SystemRecords.FileNamesAsync(files, Directory, cancellationToken).ConfigureAwait(false);
        var records = new List<ApiKeyRecord>(names.Count);
        foreach (var name in names)
        {
            if (ApiKeyFormat.IsPrefix(name) && await GetByPrefixAsync(name, cancellationToken).ConfigureAwait(false) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>True when at least one key is stored (drives the root-key bootstrap).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default) =>
        (await SystemRecords.FileNamesAsync(files, Directory, cancellationToken).ConfigureAwait(false)).Count > 0;

    /// <summary>Stores (creates or replaces) a record and drops its cached copy.</summary>
    public async Task SaveAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        await SystemRecords.WriteAsync(files, PathOf(ApiKeyFormat.PrefixOf(record.KeyId)), record, cancellationToken).ConfigureAwait(false);
        _cache.Remove(record.KeyId);
    }
}
