namespace AeorDb.Grains.Services.Merkle;

internal static partial class MerkleDiff
{
    private sealed partial class Walk
    {
        /// <summary>
        /// Compares two nodes at the same place of one directory. Two index nodes on the same byte are
        /// compared bucket by bucket, descending only into buckets whose ids differ; any other pair (two
        /// leaves, or a directory or bucket that crossed K children and changed form) falls back to
        /// merging the children both sides hold there.
        /// </summary>
        private async Task DiffNodesAsync(string path, MerkleNode oldNode, MerkleNode newNode)
        {
            if (!oldNode.IsIndex || !newNode.IsIndex || oldNode.Depth != newNode.Depth)
            {
                var oldChildren = await ChildrenOfAsync(oldNode).ConfigureAwait(false);
                var newChildren = await ChildrenOfAsync(newNode).ConfigureAwait(false);
                await DiffChildrenAsync(path, oldChildren, newChildren).ConfigureAwait(false);
                return;
            }

            int i = 0, j = 0;
            var oldBuckets = oldNode.Buckets;
            var newBuckets = newNode.Buckets;
            while (i < oldBuckets.Count || j < newBuckets.Count)
            {
                var order = i == oldBuckets.Count ? 1 : j == newBuckets.Count ? -1 : oldBuckets[i].Key.CompareTo(newBuckets[j].Key);
                if (order < 0)
                {
                    await DiffChildrenAsync(path, await ChildrenOfAsync(await ReadNodeAsync(oldBuckets[i++].Hash).ConfigureAwait(false)).ConfigureAwait(false), []).ConfigureAwait(false);
                }
                else if (order > 0)
                {
                    await DiffChildrenAsync(path, [], await ChildrenOfAsync(await ReadNodeAsync(newBuckets[j++].Hash).ConfigureAwait(false)).ConfigureAwait(false)).ConfigureAwait(false);
                }
                else
                {
                    var (oldHash, newHash) = (oldBuckets[i++].Hash, newBuckets[j++].Hash);
                    if (!oldHash.AsSpan().SequenceEqual(newHash))
                    {
                        await DiffNodesAsync(path, await ReadNodeAsync(oldHash).ConfigureAwait(false), await ReadNodeAsync(newHash).ConfigureAwait(false)).ConfigureAwait(false);
                    }
                }
            }
        }

        /// <summary>Every child of a directory, in ordinal name order, whatever form its nodes take.</summary>
        private async Task<IReadOnlyList<DirectoryChild>> ReadChildrenAsync(byte[] directoryHash) =>
            await ChildrenOfAsync(await ReadNodeAsync(directoryHash).ConfigureAwait(false)).ConfigureAwait(false);

        /// <summary>The children under a node in ordinal name order, reading the buckets of an index.</summary>
        private async Task<IReadOnlyList<DirectoryChild>> ChildrenOfAsync(MerkleNode node)
        {
            if (!node.IsIndex)
            {
                return node.Children;
            }

            var children = new List<DirectoryChild>(node.Count);
            var pending = new Stack<MerkleNode>();
            pending.Push(node);
            while (pending.TryPop(out var current))
            {
                if (!current.IsIndex)
                {
                    children.AddRange(current.Children);
                    continue;
                }

                foreach (var bucket in current.Buckets)
                {
                    pending.Push(await ReadNodeAsync(bucket.Hash).ConfigureAwait(false));
                }
            }

            children.Sort(static (x, y) => string.CompareOrdinal(x.Name, y.Name));
            return children;
        }
    }
}
