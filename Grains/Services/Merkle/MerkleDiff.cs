using System.Buffers;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// Compares two trees top-down from their root directory nodes (DESIGN "Tree"). A subtree whose hash is
/// the same on both sides is skipped unread, so the directory nodes read follow the size of the change
/// (about two per level on the way to each changed entry), not the size of the tree. A large directory's
/// index nodes are compared bucket by bucket the same way (see MerkleDiff.Buckets.cs).
/// </summary>
internal static partial class MerkleDiff
{
    /// <summary>
    /// Files and symlinks added, modified and deleted from <paramref name="sinceRootHash"/> to
    /// <paramref name="rootHash"/>; with no <paramref name="sinceRootHash"/> everything is added.
    /// </summary>
    /// <remarks>
    /// Both roots must be directory nodes in the store: check a caller-supplied root first (the tree
    /// store knows every committed root). A missing or malformed node is store corruption and throws
    /// <see cref="InvalidDataException"/>.
    /// </remarks>
    public static async Task<TreeDiff> DiffAsync(IObjectStore store, string? sinceRootHash, string rootHash, CancellationToken cancellationToken)
    {
        var walk = new Walk(store, cancellationToken);
        var newRoot = Convert.FromHexString(rootHash);
        if (sinceRootHash is null)
        {
            await walk.AddSubtreeAsync("/", newRoot).ConfigureAwait(false);
        }
        else
        {
            var oldRoot = Convert.FromHexString(sinceRootHash);
            if (!oldRoot.AsSpan().SequenceEqual(newRoot))
            {
                await walk.DiffDirectoryAsync("/", oldRoot, newRoot).ConfigureAwait(false);
            }
        }

        return walk.ToDiff();
    }

    /// <summary>One comparison: the store, the cancellation token and the lists being filled.</summary>
    private sealed partial class Walk(IObjectStore store, CancellationToken cancellationToken)
    {
        private readonly List<TreeDiffEntry> _added = [];
        private readonly List<TreeDiffEntry> _modified = [];
        private readonly List<TreeDiffEntry> _deleted = [];

        public TreeDiff ToDiff()
        {
            // Walk order is by name per directory, which is not ordinal path order ("/a/b" is walked
            // before "/a-c"), so the lists are sorted once at the end.
            Comparison<TreeDiffEntry> byPath = (x, y) => string.CompareOrdinal(x.Path, y.Path);
            _added.Sort(byPath);
            _modified.Sort(byPath);
            _deleted.Sort(byPath);
            return new TreeDiff(_added, _modified, _deleted);
        }

        public async Task DiffDirectoryAsync(string path, byte[] oldHash, byte[] newHash)
        {
            var oldNode = await ReadNodeAsync(oldHash).ConfigureAwait(false);
            var newNode = await ReadNodeAsync(newHash).ConfigureAwait(false);
            await DiffNodesAsync(path, oldNode, newNode).ConfigureAwait(false);
        }

        /// <summary>Merges two name-sorted child lists of the same directory.</summary>
        private async Task DiffChildrenAsync(string path, IReadOnlyList<DirectoryChild> oldChildren, IReadOnlyList<DirectoryChild> newChildren)
        {
            int i = 0, j = 0;
            while (i < oldChildren.Count || j < newChildren.Count)
            {
                var order = i == oldChildren.Count ? 1
                    : j == newChildren.Count ? -1
                    : string.CompareOrdinal(oldChildren[i].Name, newChildren[j].Name);
                if (order < 0)
                {
                    await RemoveAsync(Join(path, oldChildren[i].Name), oldChildren[i++]).ConfigureAwait(false);
                }
                else if (order > 0)
                {
                    await AddAsync(Join(path, newChildren[j].Name), newChildren[j++]).ConfigureAwait(false);
                }
                else
                {
                    await ChangeAsync(Join(path, oldChildren[i].Name), oldChildren[i++], newChildren[j++]).ConfigureAwait(false);
                }
            }
        }

        public async Task AddSubtreeAsync(string path, byte[] directoryHash)
        {
            foreach (var child in await ReadChildrenAsync(directoryHash).ConfigureAwait(false))
            {
                await AddAsync(Join(path, child.Name), child).ConfigureAwait(false);
            }
        }

        private async Task ChangeAsync(string path, DirectoryChild oldChild, DirectoryChild newChild)
        {
            if (oldChild.Kind == newChild.Kind && oldChild.Hash.AsSpan().SequenceEqual(newChild.Hash))
            {
                return;
            }

            if (oldChild.Kind == EntryKind.Directory && newChild.Kind == EntryKind.Directory)
            {
                await DiffDirectoryAsync(path, oldChild.Hash, newChild.Hash).ConfigureAwait(false);
            }
            else if (oldChild.Kind == newChild.Kind)
            {
                _modified.Add(new TreeDiffEntry(path, newChild.Kind, Hex(oldChild.Hash), Hex(newChild.Hash)));
            }
            else
            {
                await RemoveAsync(path, oldChild).ConfigureAwait(false);
                await AddAsync(path, newChild).ConfigureAwait(false);
            }
        }

        private async Task AddAsync(string path, DirectoryChild child)
        {
            if (child.Kind == EntryKind.Directory)
            {
                await AddSubtreeAsync(path, child.Hash).ConfigureAwait(false);
                return;
            }

            _added.Add(new TreeDiffEntry(path, child.Kind, null, Hex(child.Hash)));
        }

        private async Task RemoveAsync(string path, DirectoryChild child)
        {
            if (child.Kind != EntryKind.Directory)
            {
                _deleted.Add(new TreeDiffEntry(path, child.Kind, Hex(child.Hash), null));
                return;
            }

            foreach (var grandchild in await ReadChildrenAsync(child.Hash).ConfigureAwait(false))
            {
                await RemoveAsync(Join(path, grandchild.Name), grandchild).ConfigureAwait(false);
            }
        }

        private async Task<MerkleNode> ReadNodeAsync(byte[] hash)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = await store.GetInfoAsync(hash, cancellationToken).ConfigureAwait(false);
            if (info is null || info.Kind != ObjectKind.Directory)
            {
                throw new InvalidDataException($"Directory node {Hex(hash)} is missing from the object store.");
            }

            var buffer = ArrayPool<byte>.Shared.Rent(info.Length);
            try
            {
                var length = await store.ReadAsync(hash, buffer.AsMemory(0, info.Length), cancellationToken).ConfigureAwait(false);
                if (length < 0)
                {
                    throw new InvalidDataException($"Directory node {Hex(hash)} is missing from the object store.");
                }

                return MerkleCodec.DecodeNode(buffer.AsSpan(0, length));
            }
            catch (Exception exception) when (exception is FormatException or ArgumentOutOfRangeException or ArgumentException)
            {
                throw new InvalidDataException($"Directory node {Hex(hash)} is malformed.", exception);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static string Join(string parent, string name) => parent == "/" ? "/" + name : parent + "/" + name;

        private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
    }
}
