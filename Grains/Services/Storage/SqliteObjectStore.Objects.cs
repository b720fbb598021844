using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Storage.Segments;

namespace AeorDb.Grains.Services.Storage;

/// <summary>The object store: content-addressed puts and pooled reads.</summary>
internal sealed partial class SqliteObjectStore
{
    public async ValueTask<byte[]> PutChunkAsync(ReadOnlyMemory<byte> data, bool system, CancellationToken cancellationToken = default)
    {
        var hash = ContentHasher.ChunkId(data.Span, system);
        _inFlight.Put(hash);
        await PutObjectAsync(hash, ObjectKind.Chunk, system, data, cancellationToken).ConfigureAwait(false);
        return hash;
    }

    public async ValueTask<bool> PutVerifiedChunkAsync(ReadOnlyMemory<byte> expectedHash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (!ContentHasher.VerifyChunk(expectedHash.Span, data.Span, out var system))
        {
            return false;
        }

        _inFlight.Put(expectedHash.Span);
        await PutObjectAsync(expectedHash.ToArray(), ObjectKind.Chunk, system, data, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async ValueTask<FileVersion> PutFileVersionAsync(IReadOnlyList<string> chunkHashes, long size, string? contentType, bool system, CancellationToken cancellationToken = default)
    {
        var encoded = ContentHasher.EncodeFileVersion(chunkHashes, size, contentType);
        var hash = ContentHasher.FileVersionId(encoded);
        _inFlight.PutVersion(hash, chunkHashes);
        await PutObjectAsync(hash, ObjectKind.FileVersion, system, encoded, cancellationToken).ConfigureAwait(false);
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

        // Queued together, so the writer usually takes both into one transaction; the record is acknowledged
        // only once both are durable.
        var chunkWrite = chunk is null ? Task.CompletedTask : PutObjectAsync(chunk, ObjectKind.Chunk, system, content, cancellationToken);
        var recordWrite = PutObjectAsync(hash, ObjectKind.FileVersion, system, encoded, cancellationToken);
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

        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = SqliteReadSession.Bind(session.ObjectRecord, hash).ExecuteReader();
            if (!reader.Read() || reader.GetInt64(0) != (long)ObjectKind.FileVersion)
            {
                return null;
            }

            var version = ContentHasher.DecodeFileVersion(versionHash.ToLowerInvariant(), (byte[])reader.GetValue(2), reader.GetInt64(1) != 0);
            CacheVersion(version);
            return version;
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public async ValueTask<ObjectInfo?> GetInfoAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = SqliteReadSession.Bind(session.ObjectInfo, ObjectBytes.KeyOf(hash)).ExecuteReader();
            return reader.Read()
                ? new ObjectInfo((ObjectKind)reader.GetInt64(0), reader.GetInt64(1) != 0, reader.GetInt32(2))
                : null;
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public async ValueTask<int> ReadAsync(ReadOnlyMemory<byte> hash, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        var key = ObjectBytes.KeyOf(hash);
        SegmentLocation location;
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = SqliteReadSession.Bind(session.ObjectData, key).ExecuteReader();
            if (!reader.Read())
            {
                return -1;
            }

            if (reader.IsDBNull(1))
            {
                return ObjectBytes.CopyTo(reader, 0, destination);
            }

            location = ReadLocation(reader);
        }
        finally
        {
            ReturnReader(session);
        }

        // The read connection goes back to the pool first: the file read needs none.
        return await ReadSegmentAsync(key, location, destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where an object stored in a segment is now; null when it is not stored (or stored inline).</summary>
    private async ValueTask<SegmentLocation?> LocateAsync(byte[] key, CancellationToken cancellationToken)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = SqliteReadSession.Bind(session.ObjectData, key).ExecuteReader();
            return reader.Read() && !reader.IsDBNull(1) ? ReadLocation(reader) : null;
        }
        finally
        {
            ReturnReader(session);
        }
    }

    private static SegmentLocation ReadLocation(Microsoft.Data.Sqlite.SqliteDataReader reader) =>
        new(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3));

    public async ValueTask<bool> ContainsAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A writer that finds an object present relies on it: it is protected from collection like one it put.
            var present = SqliteReadSession.Bind(session.ObjectExists, ObjectBytes.KeyOf(hash)).ExecuteScalar() is not null;
            if (present)
            {
                _inFlight.Put(hash.Span);
            }

            return present;
        }
        finally
        {
            ReturnReader(session);
        }
    }

    /// <summary>
    /// Stores an object unless present. No lookup first: the writer's INSERT OR IGNORE skips a stored hash
    /// (ids are content hashes), so a put is one statement in the group transaction, never a read and a write.
    /// </summary>
    private Task PutObjectAsync(byte[] hash, ObjectKind kind, bool system, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        EnqueueAsync(new ObjectWrite(hash, kind, system, data), cancellationToken);

    private void CacheVersion(FileVersion version)
    {
        // Records are immutable, so a crude bound (start over when full) is enough to cap memory.
        // ConcurrentDictionary.Count takes every lock, so the size is tracked on the side (approximately).
        if (Interlocked.Increment(ref _versionCacheCount) > _options.FileVersionCacheEntries)
        {
            _versionCache.Clear();
            Interlocked.Exchange(ref _versionCacheCount, 0);
        }

        _versionCache.TryAdd(version.Hash, version);
    }
}
