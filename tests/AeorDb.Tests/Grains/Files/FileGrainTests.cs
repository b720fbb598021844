using AeorDb.Grains.Interfaces.Models;
using Xunit;

namespace AeorDb.Tests.Grains.Files;

[Collection(GrainClusterCollection.Name)]
public sealed class FileGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task PutFile_NewPath_CommitsToTreeAndHistory()
    {
        var path = GrainClusterFixture.NewDirectory() + "/docs/a.txt";
        var version = await fixture.StoreVersionAsync("hello");

        var result = await fixture.File(path).PutFileAsync(version.Hash, version.Size, version.ContentType);

        Assert.Equal(CommitStatus.Ok, result.Status);
        Assert.Equal(path, result.Entry!.Path);
        Assert.Equal(version.Hash, result.Entry.Hash);
        Assert.Equal(42UL, result.Entry.Stamp.NodeId);
        Assert.Equal(result.Entry, await fixture.Tree.GetAsync(path));
        Assert.Equal(result.Entry, await fixture.File(path).GetAsync());
        Assert.Equal(EntryKind.Directory, (await fixture.Tree.GetAsync(path[..path.LastIndexOf('/')]))!.Kind);
        Assert.Equal([result.Entry], await fixture.File(path).GetHistoryAsync());
    }

    [Fact]
    public async Task PutFile_Overwrite_KeepsCreatedAt()
    {
        var path = GrainClusterFixture.NewDirectory() + "/f";
        var grain = fixture.File(path);
        var first = (await grain.PutFileAsync((await fixture.StoreVersionAsync("one")).Hash, 3, "text/plain")).Entry!;

        var second = (await grain.PutFileAsync((await fixture.StoreVersionAsync("two!")).Hash, 4, "text/plain")).Entry!;

        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.True(second.Stamp.VirtualTime > first.Stamp.VirtualTime);
        Assert.Equal(second.Stamp.VirtualTime, second.UpdatedAt);
        Assert.Equal([second, first], await grain.GetHistoryAsync());
        Assert.Equal(second, await fixture.Tree.GetAsync(path));
    }

    [Fact]
    public async Task PutFile_ConcurrentToOnePath_Serialize()
    {
        var path = GrainClusterFixture.NewDirectory() + "/same";
        var versions = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => fixture.StoreVersionAsync("v" + i)));

        var results = await Task.WhenAll(versions.Select(v => fixture.File(path).PutFileAsync(v.Hash, v.Size, v.ContentType)));

        Assert.All(results, r => Assert.Equal(CommitStatus.Ok, r.Status));
        var history = await fixture.File(path).GetHistoryAsync();
        Assert.Equal(12, history.Count);
        Assert.Equal(history.Select(e => e.Stamp.VirtualTime).OrderDescending(), history.Select(e => e.Stamp.VirtualTime));
        Assert.Equal(12, history.Select(e => e.Stamp.VirtualTime).Distinct().Count());
        Assert.All(history, e => Assert.Equal(history[^1].CreatedAt, e.CreatedAt));
        Assert.Equal(history[0], await fixture.Tree.GetAsync(path));
    }

    [Fact]
    public async Task PutFile_UnderFile_PathConflict()
    {
        var path = GrainClusterFixture.NewDirectory() + "/file";
        var version = await fixture.StoreVersionAsync("x");
        await fixture.File(path).PutFileAsync(version.Hash, version.Size, version.ContentType);

        var result = await fixture.File(path + "/child").PutFileAsync(version.Hash, version.Size, version.ContentType);

        Assert.Equal(CommitStatus.PathConflict, result.Status);
        Assert.Null(await fixture.Tree.GetAsync(path + "/child"));
    }

    [Fact]
    public async Task PutFile_Root_Invalid()
    {
        var version = await fixture.StoreVersionAsync("root");

        var result = await fixture.File("/").PutFileAsync(version.Hash, version.Size, version.ContentType);

        Assert.Equal(CommitStatus.Invalid, result.Status);
    }

    [Fact]
    public async Task Delete_File_RemovesItAndReturnsIt()
    {
        var path = GrainClusterFixture.NewDirectory() + "/gone";
        var version = await fixture.StoreVersionAsync("bye");
        var put = await fixture.File(path).PutFileAsync(version.Hash, version.Size, version.ContentType);

        var result = await fixture.File(path).DeleteAsync(null);

        Assert.Equal(CommitStatus.Ok, result.Status);
        Assert.Equal(put.Entry, result.Entry);
        Assert.Null(await fixture.Tree.GetAsync(path));
        Assert.Equal(CommitStatus.NotFound, (await fixture.File(path).DeleteAsync(null)).Status);
    }

    [Fact]
    public async Task Delete_OnlyKindMismatch_NotFound()
    {
        var path = GrainClusterFixture.NewDirectory() + "/plain";
        var version = await fixture.StoreVersionAsync("plain");
        await fixture.File(path).PutFileAsync(version.Hash, version.Size, version.ContentType);

        var result = await fixture.File(path).DeleteAsync(EntryKind.Symlink);

        Assert.Equal(CommitStatus.NotFound, result.Status);
        Assert.NotNull(await fixture.Tree.GetAsync(path));
    }

    [Fact]
    public async Task Delete_Directory_EmptyOnly()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("child");
        await fixture.File(directory + "/x").PutFileAsync(version.Hash, version.Size, version.ContentType);
        await fixture.File(directory + "/y").PutFileAsync(version.Hash, version.Size, version.ContentType);

        var full = await fixture.File(directory).DeleteAsync(null);
        await fixture.File(directory + "/x").DeleteAsync(null);
        await fixture.File(directory + "/y").DeleteAsync(null);
        var empty = await fixture.File(directory).DeleteAsync(EntryKind.Directory);

        Assert.Equal(CommitStatus.DirectoryNotEmpty, full.Status);
        Assert.Equal(2, full.ChildCount);
        Assert.Equal(CommitStatus.Ok, empty.Status);
        Assert.Equal(EntryKind.Directory, empty.Entry!.Kind);
        Assert.Null(await fixture.Tree.GetAsync(directory));
    }

    [Fact]
    public async Task Rename_File_MovesInOneCommit()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("move me");
        var put = (await fixture.File(directory + "/a").PutFileAsync(version.Hash, version.Size, version.ContentType)).Entry!;
        var commitsBefore = fixture.TreeStore.Commits;

        var result = await fixture.File(directory + "/a").RenameAsync(directory + "/sub/b");

        Assert.Equal(CommitStatus.Ok, result.Status);
        Assert.Equal(commitsBefore + 1, fixture.TreeStore.Commits);
        Assert.Null(await fixture.Tree.GetAsync(directory + "/a"));
        var moved = (await fixture.Tree.GetAsync(directory + "/sub/b"))!;
        Assert.Equal(put.Hash, moved.Hash);
        Assert.Equal(put.CreatedAt, moved.CreatedAt);
        Assert.Equal(result.Entry, moved);
    }

    [Fact]
    public async Task Rename_InvalidTargetsOrMissing_Refused()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("stay");
        await fixture.File(directory + "/a/f").PutFileAsync(version.Hash, version.Size, version.ContentType);

        Assert.Equal(CommitStatus.Invalid, (await fixture.File(directory + "/a/f").RenameAsync(directory + "/a/f")).Status);
        Assert.Equal(CommitStatus.Invalid, (await fixture.File(directory + "/a/f").RenameAsync("/")).Status);
        Assert.Equal(CommitStatus.Invalid, (await fixture.File(directory + "/a").RenameAsync(directory + "/b")).Status);
        Assert.Equal(CommitStatus.NotFound, (await fixture.File(directory + "/none").RenameAsync(directory + "/b")).Status);
        Assert.Equal(CommitStatus.PathConflict, (await fixture.File(directory + "/a/f").RenameAsync(directory + "/a")).Status);
        Assert.NotNull(await fixture.Tree.GetAsync(directory + "/a/f"));
    }

    [Fact]
    public async Task PutSymlink_StoresRecordObject()
    {
        var path = GrainClusterFixture.NewDirectory() + "/link";

        var result = await fixture.File(path).PutSymlinkAsync("/somewhere/else");

        Assert.Equal(CommitStatus.Ok, result.Status);
        Assert.Equal(EntryKind.Symlink, result.Entry!.Kind);
        Assert.Equal("/somewhere/else", (await fixture.Tree.GetAsync(path))!.Target);
        var info = await fixture.ObjectStore.GetInfoAsync(Convert.FromHexString(result.Entry.Hash));
        Assert.Equal(ObjectKind.Symlink, info!.Kind);
        Assert.Equal(CommitStatus.Ok, (await fixture.File(path).DeleteAsync(EntryKind.Symlink)).Status);
    }
}
