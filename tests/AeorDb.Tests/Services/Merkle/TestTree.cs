using System.Text;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Merkle;
using AeorDb.Grains.Services.Storage;

namespace AeorDb.Tests.Services.Merkle;

/// <summary>
/// Builds Merkle trees from a path table and commits their directory nodes to a real store. Files and
/// symlinks get stand-in ids derived from a content string (a diff never reads them); a path mapped to
/// <see cref="EntryKind.Directory"/> is an empty directory.
/// </summary>
internal static class TestTree
{
    private static long _commits;

    public static (EntryKind Kind, string Content) File(string content) => (EntryKind.File, content);

    public static (EntryKind Kind, string Content) Link(string target) => (EntryKind.Symlink, target);

    public static (EntryKind Kind, string Content) EmptyDirectory() => (EntryKind.Directory, string.Empty);

    /// <summary>The stand-in id the tree gives an entry of this kind and content.</summary>
    public static string IdOf(EntryKind kind, string content) => Convert.ToHexStringLower(LeafId(kind, content));

    /// <summary>Commits the tree's directory nodes (leaves of at most <paramref name="maxLeafChildren"/> children) and returns its root hash.</summary>
    public static async Task<string> CommitAsync(SqliteObjectStore store, IReadOnlyDictionary<string, (EntryKind Kind, string Content)> entries, int maxLeafChildren = MerkleCodec.MaxLeafChildren)
    {
        var root = new Node();
        foreach (var (path, entry) in entries)
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var node = root;
            foreach (var segment in segments[..^1])
            {
                node = node.Directory(segment);
            }

            if (entry.Kind == EntryKind.Directory)
            {
                node.Directory(segments[^1]);
            }
            else
            {
                node.Leaves.Add(new DirectoryChild(segments[^1], entry.Kind, LeafId(entry.Kind, entry.Content)));
            }
        }

        var objects = new List<NewObject>();
        var rootHash = Convert.ToHexStringLower(Encode(root, maxLeafChildren, objects));
        var head = await store.GetHeadRootAsync();
        await store.CommitAsync(new TreeCommit(objects, [], [], rootHash, Interlocked.Increment(ref _commits)) { BaseRootHash = head });
        return rootHash;
    }

    private static byte[] Encode(Node node, int maxLeafChildren, List<NewObject> objects)
    {
        var children = new List<DirectoryChild>(node.Leaves);
        foreach (var (name, child) in node.Directories)
        {
            children.Add(new DirectoryChild(name, EntryKind.Directory, Encode(child, maxLeafChildren, objects)));
        }

        var nodes = new List<(byte[] Hash, byte[] Encoded)>();
        var hash = MerkleCodec.EncodeFanout(children, maxLeafChildren, nodes);
        objects.AddRange(nodes.Select(n => new NewObject(n.Hash, ObjectKind.Directory, false, n.Encoded)));
        return hash;
    }

    private static byte[] LeafId(EntryKind kind, string content) => kind == EntryKind.Symlink
        ? ContentHasher.SymlinkId(ContentHasher.EncodeSymlink(content))
        : ContentHasher.FileVersionId(Encoding.UTF8.GetBytes(content));

    private sealed class Node
    {
        public Dictionary<string, Node> Directories { get; } = new(StringComparer.Ordinal);

        public List<DirectoryChild> Leaves { get; } = [];

        public Node Directory(string name)
        {
            if (!Directories.TryGetValue(name, out var node))
            {
                node = new Node();
                Directories[name] = node;
            }

            return node;
        }
    }
}
