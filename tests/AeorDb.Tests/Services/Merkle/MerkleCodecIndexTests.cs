using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Merkle;
using Xunit;

namespace AeorDb.Tests.Services.Merkle;

public sealed class MerkleCodecIndexTests
{
    private static DirectoryChild[] Children(int count, string prefix = "f") =>
        [.. Enumerable.Range(0, count).Select(i => new DirectoryChild($"{prefix}{i}", EntryKind.File, ContentHasher.ChunkId(BitConverter.GetBytes(i), false)))];

    private static (byte[] Top, List<(byte[] Hash, byte[] Encoded)> Nodes) Fanout(IReadOnlyList<DirectoryChild> children, int k)
    {
        var nodes = new List<(byte[] Hash, byte[] Encoded)>();
        return (MerkleCodec.EncodeFanout(children, k, nodes), nodes);
    }

    [Fact]
    public void EncodeFanout_AtMostK_IsTheLeafNode()
    {
        var children = Children(8);

        var (top, nodes) = Fanout(children, 8);

        var leaf = MerkleCodec.EncodeDirectory(children);
        Assert.Equal(ContentHasher.DirectoryId(leaf), top);
        Assert.Equal(leaf, Assert.Single(nodes).Encoded);
    }

    [Fact]
    public void EncodeFanout_AboveK_IsIndexWithDirnPrefixedLeavesAndDirbPrefixedTop()
    {
        var children = Children(9);

        var (top, nodes) = Fanout(children, 8);

        var topNode = nodes.Single(n => n.Hash.AsSpan().SequenceEqual(top));
        Assert.True(MerkleCodec.IsIndex(topNode.Encoded));
        Assert.Equal(ContentHasher.DirectoryIndexId(topNode.Encoded), top);
        var decoded = MerkleCodec.DecodeNode(topNode.Encoded);
        Assert.True(decoded.IsIndex);
        Assert.Equal(0, decoded.Depth);
        Assert.Equal(9, decoded.Count);
        Assert.Equal(decoded.Buckets.Select(b => b.Key).Order(), decoded.Buckets.Select(b => b.Key));
        foreach (var bucket in decoded.Buckets)
        {
            var encoded = nodes.Single(n => n.Hash.AsSpan().SequenceEqual(bucket.Hash)).Encoded;
            var leaf = MerkleCodec.DecodeNode(encoded);
            Assert.False(leaf.IsIndex);
            Assert.Equal(bucket.Count, leaf.Children.Count);
            Assert.All(leaf.Children, c => Assert.Equal(bucket.Key, MerkleCodec.NameHash(c.Name)[0]));
            Assert.Equal(ContentHasher.DirectoryId(encoded), bucket.Hash);
        }
    }

    [Fact]
    public void EncodeFanout_ShuffledChildren_SameNodes()
    {
        var children = Children(500);
        var shuffled = children.ToArray();
        new Random(3).Shuffle(shuffled);

        var (first, firstNodes) = Fanout(children, 4);
        var (second, secondNodes) = Fanout(shuffled, 4);

        Assert.Equal(first, second);
        Assert.Equal(
            firstNodes.Select(n => Convert.ToHexStringLower(n.Hash)).Order(),
            secondNodes.Select(n => Convert.ToHexStringLower(n.Hash)).Order());
    }

    [Fact]
    public void EncodeFanout_SmallK_NestsIndexNodesOnLaterBytes()
    {
        var (top, nodes) = Fanout(Children(3000), 4);

        var decoded = nodes.Select(n => MerkleCodec.DecodeNode(n.Encoded)).ToList();
        Assert.Contains(decoded, n => n.IsIndex && n.Depth == 1);
        Assert.All(decoded.Where(n => !n.IsIndex), n => Assert.InRange(n.Children.Count, 1, 4));
        Assert.Equal(3000, decoded.Where(n => !n.IsIndex).Sum(n => n.Children.Count));
        Assert.True(MerkleCodec.DecodeNode(nodes.Single(n => n.Hash.AsSpan().SequenceEqual(top)).Encoded).IsIndex);
    }

    [Fact]
    public void DecodeNode_IndexRoundTrip_KeepsBuckets()
    {
        MerkleBucket[] buckets = [new(200, Children(1)[0].Hash, 7), new(3, Children(2)[1].Hash, 2)];

        var decoded = MerkleCodec.DecodeNode(MerkleCodec.EncodeIndex(2, buckets));

        Assert.True(decoded.IsIndex);
        Assert.Equal(2, decoded.Depth);
        Assert.Equal([(byte)3, (byte)200], decoded.Buckets.Select(b => b.Key));
        Assert.Equal(buckets[1].Hash, decoded.Buckets[0].Hash);
        Assert.Equal(7, decoded.Buckets[1].Count);
        Assert.Throws<FormatException>(() => MerkleCodec.DecodeDirectory(MerkleCodec.EncodeIndex(0, buckets)));
        Assert.Throws<FormatException>(() => MerkleCodec.DecodeNode(MerkleCodec.EncodeIndex(0, buckets)[..^1]));
    }

    [Fact]
    public void IsLeaf_KBoundaryAndLastHashByte()
    {
        Assert.True(MerkleCodec.IsLeaf(MerkleCodec.MaxLeafChildren, 0, MerkleCodec.MaxLeafChildren));
        Assert.False(MerkleCodec.IsLeaf(MerkleCodec.MaxLeafChildren + 1, 0, MerkleCodec.MaxLeafChildren));
        Assert.True(MerkleCodec.IsLeaf(10_000, ContentHasher.HashLength, 4));
    }
}
