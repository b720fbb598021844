namespace AeorDb.Grains.Services.Merkle;

/// <summary>A decoded directory node: a leaf with children, or an index with buckets.</summary>
/// <param name="IsIndex">True for an index node.</param>
/// <param name="Depth">For an index: which name-hash byte splits its buckets (0 for a directory's top node).</param>
/// <param name="Children">A leaf's children in ordinal name order; empty for an index.</param>
/// <param name="Buckets">An index's non-empty buckets by ascending key; empty for a leaf.</param>
internal sealed record MerkleNode(bool IsIndex, int Depth, IReadOnlyList<DirectoryChild> Children, IReadOnlyList<MerkleBucket> Buckets)
{
    /// <summary>How many children of the directory the node covers.</summary>
    public int Count => IsIndex ? Buckets.Sum(b => b.Count) : Children.Count;
}
