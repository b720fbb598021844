namespace AeorDb.Grains.Services.Merkle;

/// <summary>One non-empty bucket of a directory index node.</summary>
/// <param name="Key">The name-hash byte shared by every child in the bucket.</param>
/// <param name="Hash">Id of the bucket's node (a leaf, or an index on the next byte).</param>
/// <param name="Count">How many children of the directory the bucket holds.</param>
internal sealed record MerkleBucket(byte Key, byte[] Hash, int Count);
