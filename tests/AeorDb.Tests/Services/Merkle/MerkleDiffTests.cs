using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using AeorDb.Grains.Services.Storage;
using AeorDb.Tests.Services.Storage;
using Xunit;
using Tree = System.Collections.Generic.Dictionary<string, (AeorDb.Grains.Interfaces.Models.EntryKind Kind, string Content)>;

namespace AeorDb.Tests.Services.Merkle;

public sealed class MerkleDiffTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();
    private SqliteObjectStore _store = null!;

    public async Task InitializeAsync() => _store = await _fixture.OpenAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Diff_NoSinceRoot_EverythingAddedSortedByPath()
    {
        var root = await TestTree.CommitAsync(_store, new Tree
        {
            ["/b.txt"] = TestTree.File("b"),
            ["/a/x.txt"] = TestTree.File("x"),
            ["/a/link"] = TestTree.Link("/b.txt"),
            ["/a-c"] = TestTree.File("ac"),
            ["/empty"] = TestTree.EmptyDirectory(),
        });

        var diff = await MerkleDiff.DiffAsync(_store, null, root, CancellationToken.None);

        Assert.Equal(["/a-c", "/a/link", "/a/x.txt", "/b.txt"], diff.Added.Select(e => e.Path));
        Assert.Empty(diff.Modified);
        Assert.Empty(diff.Deleted);
        var link = diff.Added.Single(e => e.Path == "/a/link");
        Assert.Equal(new TreeDiffEntry("/a/link", EntryKind.Symlink, null, TestTree.IdOf(EntryKind.Symlink, "/b.txt")), link);
        Assert.Equal(new TreeDiffEntry("/b.txt", EntryKind.File, null, TestTree.IdOf(EntryKind.File, "b")), diff.Added[^1]);
    }

    [Fact]
    public async Task Diff_SameRoot_EmptyWithoutReads()
    {
        var root = await TestTree.CommitAsync(_store, new Tree { ["/a"] = TestTree.File("a") });
        var counting = new CountingObjectStore(_store);

        var diff = await MerkleDiff.DiffAsync(counting, root, root.ToUpperInvariant(), CancellationToken.None);

        Assert.True(diff.IsEmpty);
        Assert.Equal(0, counting.Reads);
    }

    [Fact]
    public async Task Diff_AddModifyDeleteInNestedDirectories_ReportsEach()
    {
        var before = await TestTree.CommitAsync(_store, new Tree
        {
            ["/keep.txt"] = TestTree.File("k"),
            ["/docs/a.md"] = TestTree.File("a1"),
            ["/docs/deep/b.md"] = TestTree.File("b"),
            ["/docs/deep/gone.md"] = TestTree.File("g"),
            ["/docs/ln"] = TestTree.Link("/keep.txt"),
        });
        var after = await TestTree.CommitAsync(_store, new Tree
        {
            ["/keep.txt"] = TestTree.File("k"),
            ["/docs/a.md"] = TestTree.File("a2"),
            ["/docs/deep/b.md"] = TestTree.File("b"),
            ["/docs/deep/new.md"] = TestTree.File("n"),
            ["/docs/ln"] = TestTree.Link("/docs/a.md"),
        });

        var diff = await MerkleDiff.DiffAsync(_store, before, after, CancellationToken.None);

        Assert.Equal([new TreeDiffEntry("/docs/deep/new.md", EntryKind.File, null, TestTree.IdOf(EntryKind.File, "n"))], diff.Added);
        Assert.Equal(
            [
                new TreeDiffEntry("/docs/a.md", EntryKind.File, TestTree.IdOf(EntryKind.File, "a1"), TestTree.IdOf(EntryKind.File, "a2")),
                new TreeDiffEntry("/docs/ln", EntryKind.Symlink, TestTree.IdOf(EntryKind.Symlink, "/keep.txt"), TestTree.IdOf(EntryKind.Symlink, "/docs/a.md")),
            ],
            diff.Modified);
        Assert.Equal([new TreeDiffEntry("/docs/deep/gone.md", EntryKind.File, TestTree.IdOf(EntryKind.File, "g"), null)], diff.Deleted);
    }

    [Fact]
    public async Task Diff_DirectoryDeleted_ListsEveryFileAndSymlinkUnderIt()
    {
        var before = await TestTree.CommitAsync(_store, new Tree
        {
            ["/keep"] = TestTree.File("k"),
            ["/old/a"] = TestTree.File("a"),
            ["/old/sub/b"] = TestTree.File("b"),
            ["/old/sub/deeper/l"] = TestTree.Link("/keep"),
            ["/old/empty"] = TestTree.EmptyDirectory(),
        });
        var after = await TestTree.CommitAsync(_store, new Tree { ["/keep"] = TestTree.File("k") });

        var diff = await MerkleDiff.DiffAsync(_store, before, after, CancellationToken.None);

        Assert.Empty(diff.Added);
        Assert.Empty(diff.Modified);
        Assert.Equal(["/old/a", "/old/sub/b", "/old/sub/deeper/l"], diff.Deleted.Select(e => e.Path));
        Assert.Equal(EntryKind.Symlink, diff.Deleted[^1].Kind);
    }

    [Fact]
    public async Task Diff_DirectoryReplacedByFile_DeletesItsFilesAndAddsTheFile()
    {
        var before = await TestTree.CommitAsync(_store, new Tree { ["/a/x"] = TestTree.File("x"), ["/a/y/z"] = TestTree.File("z") });
        var after = await TestTree.CommitAsync(_store, new Tree { ["/a"] = TestTree.File("now a file") });

        var diff = await MerkleDiff.DiffAsync(_store, before, after, CancellationToken.None);

        Assert.Equal([new TreeDiffEntry("/a", EntryKind.File, null, TestTree.IdOf(EntryKind.File, "now a file"))], diff.Added);
        Assert.Empty(diff.Modified);
        Assert.Equal(["/a/x", "/a/y/z"], diff.Deleted.Select(e => e.Path));
    }

    [Fact]
    public async Task Diff_FileReplacedByDirectory_DeletesTheFileAndAddsItsFiles()
    {
        var before = await TestTree.CommitAsync(_store, new Tree { ["/a"] = TestTree.File("file") });
        var after = await TestTree.CommitAsync(_store, new Tree { ["/a/x"] = TestTree.File("x"), ["/a/l"] = TestTree.Link("/a/x") });

        var diff = await MerkleDiff.DiffAsync(_store, before, after, CancellationToken.None);

        Assert.Equal(["/a/l", "/a/x"], diff.Added.Select(e => e.Path));
        Assert.Empty(diff.Modified);
        Assert.Equal([new TreeDiffEntry("/a", EntryKind.File, TestTree.IdOf(EntryKind.File, "file"), null)], diff.Deleted);
    }

    [Fact]
    public async Task Diff_FileReplacedBySymlink_DeletedAndAddedNotModified()
    {
        var before = await TestTree.CommitAsync(_store, new Tree { ["/p"] = TestTree.File("f") });
        var after = await TestTree.CommitAsync(_store, new Tree { ["/p"] = TestTree.Link("/q") });

        var diff = await MerkleDiff.DiffAsync(_store, before, after, CancellationToken.None);

        Assert.Equal(EntryKind.Symlink, Assert.Single(diff.Added).Kind);
        Assert.Equal(EntryKind.File, Assert.Single(diff.Deleted).Kind);
        Assert.Empty(diff.Modified);
    }

    [Fact]
    public async Task Diff_ReverseDirection_SwapsAddedAndDeleted()
    {
        var before = await TestTree.CommitAsync(_store, new Tree { ["/a"] = TestTree.File("a") });
        var after = await TestTree.CommitAsync(_store, new Tree { ["/a"] = TestTree.File("a"), ["/d/b"] = TestTree.File("b") });

        var forward = await MerkleDiff.DiffAsync(_store, before, after, CancellationToken.None);
        var backward = await MerkleDiff.DiffAsync(_store, after, before, CancellationToken.None);

        Assert.Equal(["/d/b"], forward.Added.Select(e => e.Path));
        Assert.Equal(["/d/b"], backward.Deleted.Select(e => e.Path));
        Assert.Empty(backward.Added);
    }

    [Fact]
    public async Task Diff_OneChangeInThousandFiles_ReadsOnlyDirectoriesOnItsPath()
    {
        var tree = new Tree();
        for (var i = 0; i < 10; i++)
        {
            for (var j = 0; j < 10; j++)
            {
                for (var k = 0; k < 10; k++)
                {
                    tree[$"/d{i}/e{j}/f{k}"] = TestTree.File($"{i}{j}{k}");
                }
            }
        }

        var before = await TestTree.CommitAsync(_store, tree);
        tree["/d3/e4/f5"] = TestTree.File("changed");
        var after = await TestTree.CommitAsync(_store, tree);
        var counting = new CountingObjectStore(_store);

        var diff = await MerkleDiff.DiffAsync(counting, before, after, CancellationToken.None);

        Assert.Equal(["/d3/e4/f5"], diff.Modified.Select(e => e.Path));
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Deleted);
        Assert.Equal(6, counting.Reads);
    }

    [Fact]
    public async Task Diff_FullListing_ReadsEveryDirectoryOnce()
    {
        var tree = new Tree();
        for (var i = 0; i < 10; i++)
        {
            for (var j = 0; j < 10; j++)
            {
                tree[$"/d{i}/f{j}"] = TestTree.File($"{i}{j}");
            }
        }

        var root = await TestTree.CommitAsync(_store, tree);
        var counting = new CountingObjectStore(_store);

        var diff = await MerkleDiff.DiffAsync(counting, null, root, CancellationToken.None);

        Assert.Equal(100, diff.Added.Count);
        Assert.Equal(11, counting.Reads);
    }

    [Fact]
    public async Task Diff_UnknownRoot_ThrowsInvalidData()
    {
        var root = await TestTree.CommitAsync(_store, new Tree { ["/a"] = TestTree.File("a") });
        var unknown = new string('0', 64);

        await Assert.ThrowsAsync<InvalidDataException>(() => MerkleDiff.DiffAsync(_store, unknown, root, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => MerkleDiff.DiffAsync(_store, null, unknown, CancellationToken.None));
    }

    [Fact]
    public async Task Diff_Cancelled_Throws()
    {
        var root = await TestTree.CommitAsync(_store, new Tree { ["/a"] = TestTree.File("a") });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MerkleDiff.DiffAsync(_store, null, root, new CancellationToken(canceled: true)));
    }
}
