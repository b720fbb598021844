using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// Small files staged for the tree commit that references them (<see cref="ISmallFileStaging"/>). The embedded node
/// runs one silo, so its tree grain queues every commit through this store's writer: the commit built from a staged
/// write is captured in <see cref="Engine.SqlNodeStore.CommitAsync"/> and carries the objects into its transaction.
/// </summary>
internal sealed partial class SqliteObjectStore : ISmallFileStaging
{
    private readonly StagedObjects _staged = new(options.Value.MaxStagedBytes);

    private protected override StagedObjects? Staged => _staged;

    /// <summary>Bytes of small files staged now (tests).</summary>
    internal long StagedBytes => _staged.Bytes;

    public IStagedFile? TryStage(ReadOnlyMemory<byte> content, string? contentType, bool system)
    {
        // A chunk from the segment threshold up goes to a segment file, whose bytes are synced by a put of its own.
        if (content.Length >= _options.SegmentThresholdBytes || content.Length > ContentHasher.ChunkSize)
        {
            return null;
        }

        EnsureOpen();
        var data = content.ToArray();
        var chunk = data.Length == 0 ? null : ContentHasher.ChunkId(data, system);
        string[] chunkHashes = chunk is null ? [] : [Convert.ToHexStringLower(chunk)];
        var record = ContentHasher.EncodeFileVersion(chunkHashes, data.Length, contentType);
        var hash = ContentHasher.FileVersionId(record);
        var version = new FileVersion(Convert.ToHexStringLower(hash), data.Length, contentType, chunkHashes, system);
        var recordObject = new NewObject(hash, ObjectKind.FileVersion, system, record);
        NewObject[] objects = chunk is null ? [recordObject] : [new NewObject(chunk, ObjectKind.Chunk, system, data), recordObject];
        return _staged.TryAdd(version, objects) ? new StagedFile(_staged, version, objects, PutStagedAsync) : null;
    }

    /// <summary>The fallback of a staged file whose tree call failed: the objects' own durable put, as <see cref="PutSmallFileAsync"/> does.</summary>
    private async Task PutStagedAsync(FileVersion version, NewObject[] objects, CancellationToken cancellationToken)
    {
        _inFlight.PutVersion(objects[^1].Hash, version.ChunkHashes);
        await Task.WhenAll(objects.Select(o => PutObjectAsync(o.Hash, o.Kind, o.System, o.Data, cancellationToken))).ConfigureAwait(false);
    }
}
