using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Merkle;
using Xunit;

namespace AeorDb.Tests.Services.Merkle;

public sealed class MerkleCodecTests
{
    private static byte[] Id(string seed) => ContentHasher.ChunkId(System.Text.Encoding.UTF8.GetBytes(seed), false);

    [Fact]
    public void EncodeDecode_Children_RoundTripInOrdinalOrder()
    {
        DirectoryChild[] children =
        [
            new("b.txt", EntryKind.File, Id("1")),
            new("A", EntryKind.Directory, Id("2")),
            new("link", EntryKind.Symlink, Id("3")),
            new("ü-name", EntryKind.File, Id("4")),
        ];

        var decoded = MerkleCodec.DecodeDirectory(MerkleCodec.EncodeDirectory(children));

        Assert.Equal(["A", "b.txt", "link", "ü-name"], decoded.Select(c => c.Name));
        foreach (var child in children)
        {
            var match = Assert.Single(decoded, d => d.Name == child.Name);
            Assert.Equal(child.Kind, match.Kind);
            Assert.Equal(child.Hash, match.Hash);
        }
    }

    [Fact]
    public void Encode_InputOrder_DoesNotChangeBytesOrId()
    {
        var children = Enumerable.Range(0, 20).Select(i => new DirectoryChild($"n{i}", EntryKind.File, Id($"{i}"))).ToArray();
        var shuffled = children.Reverse().ToArray();

        var first = MerkleCodec.EncodeDirectory(children);
        var second = MerkleCodec.EncodeDirectory(shuffled);

        Assert.Equal(first, second);
        Assert.Equal(MerkleCodec.DirectoryId(first), MerkleCodec.DirectoryId(second));
    }

    [Fact]
    public void DirectoryId_ChildHashOrKindChanges_IdChanges()
    {
        var baseline = MerkleCodec.DirectoryId(MerkleCodec.EncodeDirectory([new("a", EntryKind.File, Id("1"))]));

        Assert.NotEqual(baseline, MerkleCodec.DirectoryId(MerkleCodec.EncodeDirectory([new("a", EntryKind.File, Id("2"))])));
        Assert.NotEqual(baseline, MerkleCodec.DirectoryId(MerkleCodec.EncodeDirectory([new("a", EntryKind.Symlink, Id("1"))])));
        Assert.NotEqual(baseline, MerkleCodec.DirectoryId(MerkleCodec.EncodeDirectory([new("b", EntryKind.File, Id("1"))])));
    }

    [Fact]
    public void Empty_Directory_RoundTripsAndHasStableId()
    {
        Assert.Empty(MerkleCodec.DecodeDirectory(MerkleCodec.EncodeDirectory([])));
        Assert.Equal(MerkleCodec.EmptyDirectoryId(), MerkleCodec.DirectoryId(MerkleCodec.EncodeDirectory([])));
    }

    [Fact]
    public void Decode_NotADirectoryNode_Throws()
    {
        Assert.Throws<FormatException>(() => MerkleCodec.DecodeDirectory([1, 0]));
        Assert.Throws<FormatException>(() => MerkleCodec.DecodeDirectory([2, 0, 0, 0, 0]));
    }
}
