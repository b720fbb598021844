using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>The object store: content-addressed puts and pooled reads.</summary>
internal sealed partial class PostgresObjectStore
{
    public async ValueTask<byte[]> PutChunkAsync(ReadOnlyMemory<byte> data, bool system, CancellationToken cancellationToken = default)
    {
        var hash = ContentHasher.ChunkId(data.Span, system);
        _inFlight.Put(hash);
        await EnqueueAsync(new ObjectWrite(hash, ObjectKind.Chunk, system, data), cancellationToken).ConfigureAwait(false);
        return hash;
    }

    public async ValueTask<bool> PutVerifiedChunkAsync(ReadOnlyMemory<byte> expectedHash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (!ContentHasher.VerifyChunk(expectedHash.Span, data.Span, out var system))
        {
            return false;
        }

        _inFlight.Put(expectedHash.Span);
        await EnqueueAsync(new ObjectWrite(expectedHash.ToArray(), ObjectKind.Chunk, system, data), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async ValueTask<FileVersion> PutFileVersionAsync(IReadOnlyList<string> chunkHashes, long size, string? contentType, bool system, CancellationToken cancellationToken = default)
    {
        var encoded = ContentHasher.EncodeFileVersion(chunkHashes, size, contentType);
        var hash = ContentHasher.FileVersionId(encoded);
        _inFlight.PutVersion(hash, chunkHashes);
        await EnqueueAsync(new ObjectWrite(hash, ObjectKind.FileVersion, system, encoded), cancellationToken).ConfigureAwait(false);
        return new FileVersion(Convert.ToHexStringLower(hash), size, contentType, chunkHashes.Select(h => h.ToLowerInvariant()).ToArray(), system);
    }

    public async ValueTask<FileVersion> PutSmallFileAsync(ReadOnlyMemory<byte> content, string? contentType, bool system, CancellationToken cancellationToken = default)
    {
        if (content.Length > ContentHasher.ChunkSize)
        {
            throw new ArgumentException($"A small file holds at most {ContentHasher.ChunkSize} bytes; this one has {content.Length}.", nameof(content));
        }

        var chunk = content.IsEmpty ? null : ContentHasher.ChunkId(content.Span, system);
        string[] chunkHashes = chunk is null ? [] : [Convert.ToHexStringLower(chunk)];
        var encoded = ContentHasher.EncodeFileVersion(chunkHashes, content.Length, contentType);
        var hash = ContentHasher.FileVersionId(encoded);

        _inFlight.PutVersion(hash, chunkHashes);

        // Queued together, so the writer usually takes both into one transaction.
        var chunkWrite = chunk is null ? Task.CompletedTask : EnqueueAsync(new ObjectWrite(chunk, ObjectKind.Chunk, system, content), cancellationToken);
        var recordWrite = EnqueueAsync(new ObjectWrite(hash, ObjectKind.FileVersion, system, encoded), cancellationToken);
        await Task.WhenAll(chunkWrite, recordWrite).ConfigureAwait(false);
        return new FileVersion(Convert.ToHexStringLower(hash), content.Length, contentType, chunkHashes, system);
    }

    public async ValueTask<FileVersion?> GetFileVersionAsync(string versionHash, CancellationToken cancellationToken = default)
    {
        if (_versionCache.TryGetValue(versionHash, out var cached))
        {
            return cached;
        }

        if (!ObjectBytes.TryParseHash(versionHash, out var hash))
        {
            return null;
        }

        await using var command = KeyedCommand(PostgresStoreSql.SelectObjectRecord, hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.GetInt16(0) != (short)ObjectKind.FileVersion)
        {
            return null;
        }

        var version = ContentHasher.DecodeFileVersion(versionHash.ToLowerInvariant(), reader.GetFieldValue<byte[]>(2), reader.GetBoolean(1));
        CacheVersion(version);
        return version;
    }

    public async ValueTask<ObjectInfo?> GetInfoAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default)
    {
        await using var command = KeyedCommand(PostgresStoreSql.SelectObjectInfo, ObjectBytes.KeyOf(hash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ObjectInfo((ObjectKind)reader.GetInt16(0), reader.GetBoolean(1), reader.GetInt32(2))
            : null;
    }

    public async ValueTask<int> ReadAsync(ReadOnlyMemory<byte> hash, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        await using var command = KeyedCommand(PostgresStoreSql.SelectObjectData, ObjectBytes.KeyOf(hash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return -1;
        }

        return ObjectBytes.CopyTo(reader, 0, destination);
    }

    public async ValueTask<bool> ContainsAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default)
    {
        // A writer that finds an object present relies on it: it is protected from collection like one it put.
        await using var command = KeyedCommand(PostgresStoreSql.TouchObjectExists, ObjectBytes.KeyOf(hash));
        var present = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        if (present)
        {
            _inFlight.Put(hash.Span);
        }

        return present;
    }

    /// <summary>A pooled-connection command with one bytea key parameter.</summary>
    private NpgsqlCommand KeyedCommand(string sql, byte[] key)
    {
        var command = DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = key });
        return command;
    }

    private void CacheVersion(FileVersion version)
    {
        // Records are immutable, so a crude bound (start over when full) is enough to cap memory.
        if (Interlocked.Increment(ref _versionCacheCount) > _options.FileVersionCacheEntries)
        {
            _versionCache.Clear();
            Interlocked.Exchange(ref _versionCacheCount, 0);
        }

        _versionCache.TryAdd(version.Hash, version);
    }
}
