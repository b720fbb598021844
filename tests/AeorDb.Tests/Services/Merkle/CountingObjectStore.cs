using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Tests.Services.Merkle;

/// <summary>Passes every call to a real store and counts the object reads, to measure what a diff touches.</summary>
internal sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
{
    private int _reads;
    private int _infos;

    public int Reads => Volatile.Read(ref _reads);

    public int Infos => Volatile.Read(ref _infos);

    public ValueTask<byte[]> PutChunkAsync(ReadOnlyMemory<byte> data, bool system, CancellationToken cancellationToken = default) =>
        inner.PutChunkAsync(data, system, cancellationToken);

    public ValueTask<bool> PutVerifiedChunkAsync(ReadOnlyMemory<byte> expectedHash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        inner.PutVerifiedChunkAsync(expectedHash, data, cancellationToken);

    public ValueTask<FileVersion> PutFileVersionAsync(IReadOnlyList<string> chunkHashes, long size, string? contentType, bool system, CancellationToken cancellationToken = default) =>
        inner.PutFileVersionAsync(chunkHashes, size, contentType, system, cancellationToken);

    public ValueTask<FileVersion> PutSmallFileAsync(ReadOnlyMemory<byte> content, string? contentType, bool system, CancellationToken cancellationToken = default) =>
        inner.PutSmallFileAsync(content, contentType, system, cancellationToken);

    public ValueTask<FileVersion?> GetFileVersionAsync(string versionHash, CancellationToken cancellationToken = default) =>
        inner.GetFileVersionAsync(versionHash, cancellationToken);

    public ValueTask<ObjectInfo?> GetInfoAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _infos);
        return inner.GetInfoAsync(hash, cancellationToken);
    }

    public ValueTask<int> ReadAsync(ReadOnlyMemory<byte> hash, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.ReadAsync(hash, destination, cancellationToken);
    }

    public ValueTask<bool> ContainsAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) =>
        inner.ContainsAsync(hash, cancellationToken);
}
