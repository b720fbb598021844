using System.Buffers;
using System.Text;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

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
        if (!TryParseHash(rootHash, out var root) || !TreePaths.IsCanonical(path))
        {
            return notFound;
        }

        var children = await ReadDirectoryAsync(root, cancellationToken);
        if (children is null)
        {
            return notFound;
        }

        var segments = path == TreePaths.Root ? [] : path[1..].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var child = children.FirstOrDefault(c => c.Name == segments[i]);
            if (child is null)
            {
                return notFound;
            }

            if (child.Kind != EntryKind.Directory)
            {
                return i == segments.Length - 1 ? new ListResult(true, false, []) : notFound;
            }

            children = await ReadDirectoryAsync(child.Hash, cancellationToken);
            if (children is null)
            {
                return notFound;
            }
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

    private Task<IReadOnlyList<DirectoryChild>?> ReadDirectoryAsync(byte[] hash, CancellationToken cancellationToken) =>
        ReadObjectAsync(hash, ObjectKind.Directory, static bytes => MerkleCodec.DecodeDirectory(bytes), cancellationToken);

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

    private static bool TryParseHash(string hex, out byte[] hash)
    {
        hash = [];
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        hash = Convert.FromHexString(hex);
        return true;
    }

    private delegate T ReadDecoder<out T>(ReadOnlySpan<byte> bytes);
}
