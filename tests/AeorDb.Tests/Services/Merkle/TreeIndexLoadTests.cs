using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using Xunit;
using static AeorDb.Tests.Services.Merkle.TreeEntries;

namespace AeorDb.Tests.Services.Merkle;

/// <summary>The cold start's load: catalog rows streamed in the store's order (not sorted) into the compact index.</summary>
public sealed class TreeIndexLoadTests
{
    [Fact]
    public void Load_RowsChildrenFirst_SameRootEntriesAndDirectoryTimes()
    {
        var index = new TreeIndex(maxLeafChildren: 4);
        index.Apply([Put(Directory("/a")), Put(Directory("/a/b"))], Stamp(100));
        index.Apply([.. Enumerable.Range(0, 20).Select(i => Put(File($"/a/b/f{i}", i, 200 + i)))], Stamp(300));
        index.Apply([Put(Symlink("/a/l", "/a/b/f1", 400)), Put(File("/z", 99, 500))], Stamp(600));

        // Deepest rows first: every directory is met through its children before its own row.
        var rows = index.Entries().OrderByDescending(e => e.Path.Count(c => c == '/')).ThenByDescending(e => e.Path, StringComparer.Ordinal).ToList();
        var loaded = new TreeIndex(maxLeafChildren: 4);

        Assert.Equal(0, loaded.Load(rows));
        Assert.Equal(index.RootHash, loaded.RootHash);
        Assert.Equal(index.Entries().OrderBy(e => e.Path, StringComparer.Ordinal), loaded.Entries().OrderBy(e => e.Path, StringComparer.Ordinal));
        Assert.Equal(index.Get("/a"), loaded.Get("/a"));
        Assert.Equal(index.Get("/a/b/f3"), loaded.Get("/a/b/f3"));
    }

    [Fact]
    public void Load_RowBelowAFileOrRepeated_SkippedAndCounted()
    {
        var loaded = new TreeIndex();

        var skipped = loaded.Load([File("/f", 1), File("/f/under", 2), File("/g", 3), File("/g", 4), File("/ok", 5) with { Hash = new string('A', 64) }]);

        Assert.Equal(2, skipped);
        Assert.Equal(EntryKind.File, loaded.Get("/f")!.Kind);
        Assert.Null(loaded.Get("/f/under"));
        Assert.Equal(File("/g", 3), loaded.Get("/g"));
        Assert.Equal(new string('a', 64), loaded.Get("/ok")!.Hash);
    }

    [Fact]
    public void Load_EqualContentTypes_ShareOneString()
    {
        var loaded = new TreeIndex();
        var first = new string("text/x-catalog-test".AsSpan());
        var second = new string("text/x-catalog-test".AsSpan());

        loaded.Load([File("/a", 1) with { ContentType = first }, File("/b", 2) with { ContentType = second }]);

        Assert.Same(loaded.Get("/a")!.ContentType, loaded.Get("/b")!.ContentType);
    }

    [Fact]
    public void Load_WithoutBegin_Throws()
    {
        var index = new TreeIndex();

        Assert.Throws<InvalidOperationException>(() => index.LoadEntry(File("/a", 1)));
        Assert.Throws<InvalidOperationException>(() => index.CompleteLoad());
    }
}
