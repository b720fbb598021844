using System.Collections.Concurrent;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Tests.Api.Files;

/// <summary>An in-memory object store keyed by a stand-in hash (SHA-256), recording how many puts overlap.</summary>
internal sealed class MemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, byte[]> _objects = new();
    private int _inFlight;

    public int MaxConcurrentPuts { get; private set; }

    public List<int> PutSizes { get; } = [];

    public async ValueTask<byte[]> PutChunkAsync(ReadOnlyMemory<byte> data, bool system, CancellationToken cancellationToken = default)
    {
        var now = Interlocked.Increment(ref _inFlight);
        lock (PutSizes)
        {
            PutSizes.Add(data.Length);
            MaxConcurrentPuts = Math.Max(MaxConcurrentPuts, now);
        }

        await Task.Yield();
        await Task.Delay(1, cancellationToken);
        var hash = System.Security.Cryptography.SHA256.HashData(data.Span);
        _objects[Convert.ToHexStringLower(hash)] = data.ToArray();
        Interlocked.Decrement(ref _inFlight);
        return hash;
    }

    public ValueTask<bool> PutVerifiedChunkAsync(ReadOnlyMemory<byte> expectedHash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public ValueTask<FileVersion> PutFileVersionAsync(IReadOnlyList<string> chunkHashes, long size, string? contentType, bool system, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new FileVersion(new string('f', 64), size, contentType, chunkHashes, system));

    public async ValueTask<FileVersion> PutSmallFileAsync(ReadOnlyMemory<byte> content, string? contentType, bool system, CancellationToken cancellationToken = default)
    {
        string[] chunks = content.IsEmpty ? [] : [Convert.ToHexStringLower(await PutChunkAsync(content, system, cancellationToken))];
        return await PutFileVersionAsync(chunks, content.Length, contentType, system, cancellationToken);
    }

    public ValueTask<FileVersion?> GetFileVersionAsync(string versionHash, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<ObjectInfo?> GetInfoAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public async ValueTask<int> ReadAsync(ReadOnlyMemory<byte> hash, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (!_objects.TryGetValue(Convert.ToHexStringLower(hash.Span), out var data))
        {
            return -1;
        }

        data.CopyTo(destination);
        return data.Length;
    }

    public ValueTask<bool> ContainsAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_objects.ContainsKey(Convert.ToHexStringLower(hash.Span)));
}
