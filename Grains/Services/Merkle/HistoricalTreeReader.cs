using System.Buffers;
using System.Text;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

using AeorDb.Grains.Services.Storage;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// Lists a past tree version from the directory nodes in the object store. Nodes hold only names, kinds
/// and ids, so sizes and content types come from the file version records, symlink targets from the
/// symlink records, and times from HEAD where the same path still has the same hash (else 0).
/// No ConfigureAwait(false): the HEAD lookup reads grain state, so it must run on the grain's scheduler.
/// </summary>
internal sealed class HistoricalTreeReader(IObjectStore store)
{
    private static readonly VersionStamp _zeroStamp = new(0, 0);

    /// <summary>Lists <paramref name="path"/> in the tree whose root node is <paramref name="rootHash"/>.</summary>
    /// <param name="head">HEAD lookup by path, for times.</param>
    public async Task<ListResult> ListAsync(string rootHash, string path, int depth, Func<string, FileEntry?> head, CancellationToken cancellationToken = default)
    {
        var notFound = new ListResult(false, false, []);
        if (!ObjectBytes.TryParseHash(rootHash, out var root) || !TreePaths.IsCanonical(path))
        {
            return notFound;
        }

        var directory = root;
        var segments = path == TreePaths.Root ? [] : path[1..].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var child = await FindChildAsync(directory, segments[i], cancellationToken);
            if (child is null)
            {
                return notFound;
            }

            if (child.Kind != EntryKind.Directory)
            {
                return i == segments.Length - 1 ? new ListResult(true, false, []) : notFound;
            }

            directory = child.Hash;
        }

        var children = await ReadDirectoryAsync(directory, cancellationToken);
        if (children is null)
        {
            return notFound;
        }

        var items = new List<FileEntry>();
        await CollectAsync(path, children, depth, head, items, cancellationToken);
        return new ListResult(true, true, items);
    }

    private async Task CollectAsync(string directory, IReadOnlyList<DirectoryChild> children, int depth, Func<string, FileEntry?> head, List<FileEntry> items, CancellationToken cancellationToken)
    {
        foreach (var child in children)
        {
            var path = TreePaths.Combine(directory, child.Name);
            items.Add(await ToEntryAsync(path, child, head, cancellationToken));
            if (child.Kind == EntryKind.Directory && depth != 0)
            {
                var grandchildren = await ReadDirectoryAsync(child.Hash, cancellationToken);
                if (grandchildren is not null)
                {
                    await CollectAsync(path, grandchildren, depth - 1, head, items, cancellationToken);
                }
            }
        }
    }

    private async Task<FileEntry> ToEntryAsync(string path, DirectoryChild child, Func<string, FileEntry?> head, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(child.Hash);
        var current = head(path);
        var same = current is not null && current.Kind == child.Kind && current.Hash == hash;
        var entry = new FileEntry(path, child.Kind, hash, 0, null, null, same ? current!.CreatedAt : 0, same ? current!.UpdatedAt : 0, same ? current!.Stamp : _zeroStamp);
        switch (child.Kind)
        {
            case EntryKind.File:
                var version = await store.GetFileVersionAsync(hash, cancellationToken);
                return version is null ? entry : entry with { Size = version.Size, ContentType = version.ContentType };
            case EntryKind.Symlink:
                var target = await ReadObjectAsync(child.Hash, ObjectKind.Symlink, static bytes => Encoding.UTF8.GetString(bytes), cancellationToken);
                return entry with { Target = target };
            default:
                return entry;
        }
    }

    /// <summary>One child of a directory by name, following index nodes by the name's hash (only its bucket path is read).</summary>
    private async Task<DirectoryChild?> FindChildAsync(byte[] directory, string name, CancellationToken cancellationToken)
    {
        byte[]? key = null;
        var node = await ReadNodeAsync(directory, cancellationToken);
        while (node is { IsIndex: true })
        {
            key ??= MerkleCodec.NameHash(name);
            var bucket = node.Buckets.FirstOrDefault(b => b.Key == key[node.Depth]);
            node = bucket is null ? null : await ReadNodeAsync(bucket.Hash, cancellationToken);
        }

        return node?.Children.FirstOrDefault(c => c.Name == name);
    }

    /// <summary>Every child of a directory in ordinal name order, whatever form its nodes take; null when a node is missing.</summary>
    private async Task<IReadOnlyList<DirectoryChild>?> ReadDirectoryAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var node = await ReadNodeAsync(hash, cancellationToken);
        if (node is null || !node.IsIndex)
        {
            return node?.Children;
        }

        var children = new List<DirectoryChild>(node.Count);
        foreach (var bucket in node.Buckets)
        {
            var part = await ReadDirectoryAsync(bucket.Hash, cancellationToken);
            if (part is null)
            {
                return null;
            }

            children.AddRange(part);
        }

        children.Sort(static (x, y) => string.CompareOrdinal(x.Name, y.Name));
        return children;
    }

    private Task<MerkleNode?> ReadNodeAsync(byte[] hash, CancellationToken cancellationToken) =>
        ReadObjectAsync(hash, ObjectKind.Directory, static bytes => MerkleCodec.DecodeNode(bytes), cancellationToken);

    private async Task<T?> ReadObjectAsync<T>(byte[] hash, ObjectKind kind, ReadDecoder<T> decode, CancellationToken cancellationToken)
        where T : class
    {
        var info = await store.GetInfoAsync(hash, cancellationToken);
        if (info is null || info.Kind != kind)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(info.Length, 1));
        try
        {
            var length = await store.ReadAsync(hash, buffer, cancellationToken);
            return length < 0 ? null : decode(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private delegate T ReadDecoder<out T>(ReadOnlySpan<byte> bytes);
}
