using Xunit;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using static AeorDb.Tests.Services.Merkle.TreeEntries;

namespace AeorDb.Tests.Services.Merkle;

public sealed class TreeIndexTests
{
    [Fact]
    public void RootHash_EmptyTree_IsEmptyDirectoryId()
    {
        var index = new TreeIndex();

        Assert.Equal(Convert.ToHexStringLower(MerkleCodec.EmptyDirectoryId()), index.RootHash);
        Assert.Equal(EntryKind.Directory, index.Get("/")!.Kind);
    }

    [Fact]
    public void Apply_NestedFile_CreatesParentsWithTimes()
    {
        var index = new TreeIndex();

        var result = index.Apply([Put(File("/a/b/c.txt", 1))], Stamp(5000));

        Assert.Equal(CommitStatus.Ok, result.Status);
        var a = index.Get("/a")!;
        var b = index.Get("/a/b")!;
        Assert.Equal(EntryKind.Directory, a.Kind);
        Assert.Equal(EntryKind.Directory, b.Kind);
        Assert.Equal(5000, a.CreatedAt);
        Assert.Equal(5000, b.UpdatedAt);
        var commit = result.Commit!;
        Assert.Equal(["/a", "/a/b", "/a/b/c.txt"], commit.Upserts.Select(e => e.Path));
        Assert.Empty(commit.Deletes);
        Assert.Equal(3, commit.Objects.Count(o => o.Kind == ObjectKind.Directory));
        Assert.Equal(index.RootHash, commit.RootHash);
        Assert.Equal(b.Hash, commit.Upserts.Single(e => e.Path == "/a/b").Hash);
    }

    [Fact]
    public void Apply_FileUnderFile_PathConflict()
    {
        var index = new TreeIndex();
        index.Apply([Put(File("/a", 1))], Stamp(1));

        var result = index.Apply([Put(File("/a/b", 2))], Stamp(2));

        Assert.Equal(CommitStatus.PathConflict, result.Status);
        Assert.Equal("/a/b", result.FailedPath);
    }

    [Fact]
    public void Apply_FileOnDirectory_PathConflict()
    {
        var index = new TreeIndex();
        index.Apply([Put(File("/a/b", 1))], Stamp(1));

        Assert.Equal(CommitStatus.PathConflict, index.Apply([Put(File("/a", 2))], Stamp(2)).Status);
        Assert.Equal(CommitStatus.PathConflict, index.Apply([Put(Symlink("/a", "/x"))], Stamp(2)).Status);
    }

    [Fact]
    public void Apply_Root_Invalid()
    {
        var index = new TreeIndex();

        Assert.Equal(CommitStatus.Invalid, index.Apply([Put(File("/", 1))], Stamp(1)).Status);
        Assert.Equal(CommitStatus.Invalid, index.Apply([Delete("/")], Stamp(1)).Status);
        Assert.Equal(CommitStatus.Invalid, index.Apply([Put(File("/a//b", 1))], Stamp(1)).Status);
    }

    [Fact]
    public void Apply_DeleteMissing_NotFound()
    {
        var index = new TreeIndex();

        Assert.Equal(CommitStatus.NotFound, index.Apply([Delete("/nope")], Stamp(1)).Status);
        Assert.Equal(CommitStatus.NotFound, index.Apply([Delete("/no/pe")], Stamp(1)).Status);
    }

    [Fact]
    public void Apply_DeleteNonEmptyDirectory_ReportsChildCount()
    {
        var index = new TreeIndex();
        index.Apply([Put(File("/d/x", 1)), Put(File("/d/y", 2))], Stamp(1));

        var result = index.Apply([Delete("/d")], Stamp(2));

        Assert.Equal(CommitStatus.DirectoryNotEmpty, result.Status);
        Assert.Equal(2, result.ChildCount);
        Assert.NotNull(index.Get("/d/x"));
    }

    [Fact]
    public void Apply_DeleteEmptyDirectoriesInOneBatch_DeletesBothRows()
    {
        var index = new TreeIndex();
        index.Apply([Put(File("/d/e/f", 1))], Stamp(1));

        var result = index.Apply([Delete("/d/e/f"), Delete("/d/e"), Delete("/d")], Stamp(2));

        Assert.Equal(CommitStatus.Ok, result.Status);
        Assert.Equal(["/d", "/d/e", "/d/e/f"], result.Commit!.Deletes);
        Assert.Empty(result.Commit.Upserts);
        Assert.Equal(new TreeIndex().RootHash, index.RootHash);
    }

    [Fact]
    public void Apply_LaterChangeFails_NothingApplied()
    {
        var index = new TreeIndex();
        index.Apply([Put(File("/keep", 1))], Stamp(1));
        var before = index.RootHash;

        var result = index.Apply([Put(File("/new/file", 2)), Delete("/keep"), Delete("/missing")], Stamp(2));

        Assert.Equal(CommitStatus.NotFound, result.Status);
        Assert.Equal(before, index.RootHash);
        Assert.Null(index.Get("/new"));
        Assert.NotNull(index.Get("/keep"));
    }

    [Fact]
    public void Apply_Rename_MovesEntryInOneCommit()
    {
        var index = new TreeIndex();
        var file = File("/from/a.txt", 1);
        index.Apply([Put(file)], Stamp(1));

        var result = index.Apply([Delete("/from/a.txt"), Put(file with { Path = "/to/b.txt" })], Stamp(2));

        Assert.Equal(CommitStatus.Ok, result.Status);
        Assert.Null(index.Get("/from/a.txt"));
        Assert.Equal(file.Hash, index.Get("/to/b.txt")!.Hash);
        Assert.Contains("/from/a.txt", result.Commit!.Deletes);
        Assert.Contains(result.Commit.Upserts, e => e.Path == "/to/b.txt");
    }

    [Fact]
    public void RootHash_SameContentDifferentTimesAndOrder_Equal()
    {
        var first = new TreeIndex();
        first.Apply([Put(File("/a/x", 1, time: 10)), Put(File("/b", 2, time: 20))], Stamp(30));
        var second = new TreeIndex();
        second.Apply([Put(File("/b", 2, time: 999))], Stamp(1000));
        second.Apply([Put(File("/a/x", 3, time: 999))], Stamp(1001));
        second.Apply([Put(File("/a/x", 1, time: 5000))], Stamp(5001));

        Assert.Equal(first.RootHash, second.RootHash);
        Assert.NotEqual(new TreeIndex().RootHash, first.RootHash);
    }

    [Fact]
    public void RootHash_DifferentContent_Differs()
    {
        var first = new TreeIndex();
        first.Apply([Put(File("/a", 1))], Stamp(1));
        var second = new TreeIndex();
        second.Apply([Put(File("/a", 2))], Stamp(1));

        Assert.NotEqual(first.RootHash, second.RootHash);
    }

    [Fact]
    public void Apply_Symlink_AddsSymlinkObject()
    {
        var index = new TreeIndex();

        var result = index.Apply([Put(Symlink("/l/link", "/target"))], Stamp(1));

        Assert.Equal(CommitStatus.Ok, result.Status);
        var entry = index.Get("/l/link")!;
        Assert.Equal(EntryKind.Symlink, entry.Kind);
        Assert.Equal("/target", entry.Target);
        var record = Assert.Single(result.Commit!.Objects, o => o.Kind == ObjectKind.Symlink);
        Assert.Equal(entry.Hash, Convert.ToHexStringLower(record.Hash));
        Assert.Equal("/target"u8.ToArray(), record.Data);
    }

    [Fact]
    public void Apply_SymlinkWithWrongHash_Invalid()
    {
        var index = new TreeIndex();

        var result = index.Apply([Put(Symlink("/link", "/target") with { Hash = Hash(1) })], Stamp(1));

        Assert.Equal(CommitStatus.Invalid, result.Status);
    }

    [Fact]
    public void Apply_FileWithBadHash_Invalid()
    {
        var index = new TreeIndex();

        Assert.Equal(CommitStatus.Invalid, index.Apply([Put(File("/f", 1) with { Hash = "xyz" })], Stamp(1)).Status);
    }

    [Fact]
    public void Apply_SystemNamespace_FlagsDirectoryNodes()
    {
        var index = new TreeIndex();

        var commit = index.Apply([Put(File("/.aeordb-system/users/u", 1)), Put(File("/.aeordb-configs/x", 2))], Stamp(1)).Commit!;

        var directories = commit.Objects.Where(o => o.Kind == ObjectKind.Directory).ToDictionary(o => Convert.ToHexStringLower(o.Hash), o => o.System);
        Assert.True(directories[index.Get("/.aeordb-system")!.Hash]);
        Assert.True(directories[index.Get("/.aeordb-system/users")!.Hash]);
        Assert.False(directories[index.Get("/.aeordb-configs")!.Hash]);
        Assert.False(directories[index.RootHash]);
    }

    [Fact]
    public void Load_HeadEntries_SameRootAndEntries()
    {
        var index = new TreeIndex();
        index.Apply([Put(File("/a/b/c", 1)), Put(Symlink("/a/l", "/a/b/c")), Put(File("/z", 2)), Put(Directory("/empty"))], Stamp(1));

        var loaded = new TreeIndex();
        var skipped = loaded.Load(index.Entries());

        Assert.Equal(0, skipped);
        Assert.Equal(index.RootHash, loaded.RootHash);
        Assert.Equal(index.Entries().OrderBy(e => e.Path), loaded.Entries().OrderBy(e => e.Path));
    }

    [Fact]
    public void List_Depth_LimitsLevels()
    {
        var index = new TreeIndex();
        index.Apply([Put(File("/a/b/c/d", 1)), Put(File("/a/x", 2))], Stamp(1));

        Assert.Equal(["/a/b", "/a/x"], index.List("/a", 0).Items.Select(e => e.Path).Order());
        Assert.Equal(["/a/b", "/a/b/c", "/a/x"], index.List("/a", 1).Items.Select(e => e.Path).Order());
        Assert.Equal(4, index.List("/a", -1).Items.Count);
        Assert.Equal(new ListResult(true, false, []).IsDirectory, index.List("/a/x", 0).IsDirectory);
        Assert.True(index.List("/a/x", 0).Found);
        Assert.False(index.List("/nope", 0).Found);
    }

    [Fact]
    public void Batch_LaterCallSeesEarlierAndFailedCallIsDropped()
    {
        var index = new TreeIndex();
        var batch = index.Begin(Stamp(1));

        Assert.Equal(CommitStatus.Ok, batch.TryApply([Put(File("/p/q", 1))]).Status);
        Assert.Equal(CommitStatus.PathConflict, batch.TryApply([Put(File("/r", 3)), Put(File("/p/q/z", 2))]).Status);
        Assert.Equal(CommitStatus.Ok, batch.TryApply([Delete("/p/q")]).Status);
        Assert.Null(index.Get("/p"));

        var commit = batch.Build();
        index.Accept(batch);

        Assert.Equal(commit.RootHash, index.RootHash);
        Assert.Equal(EntryKind.Directory, index.Get("/p")!.Kind);
        Assert.Null(index.Get("/r"));
        Assert.Equal(["/p"], commit.Upserts.Select(e => e.Path));
    }

    [Fact]
    public void Accept_StaleBatch_Throws()
    {
        var index = new TreeIndex();
        var stale = index.Begin(Stamp(1));
        stale.TryApply([Put(File("/a", 1))]);
        stale.Build();
        index.Apply([Put(File("/b", 1))], Stamp(2));

        Assert.Throws<InvalidOperationException>(() => index.Accept(stale));
    }
}
