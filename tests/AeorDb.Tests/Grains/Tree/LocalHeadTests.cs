using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Tree;
using Microsoft.Extensions.Options;
using Xunit;

namespace AeorDb.Tests.Grains.Tree;

public sealed class LocalHeadTests
{
    private static readonly FileEntry Entry = new("/a.txt", EntryKind.File, new string('a', 64), 1, "text/plain", null, 1, 1, new VersionStamp(1, 1));

    [Fact]
    public void TryGet_RecordedInTheCurrentGeneration_AnswersIt()
    {
        var head = Head();
        var owner = new object();
        head.Advance(owner);

        head.Record(owner, "/a.txt", Entry);
        head.Record(owner, "/missing", null);

        Assert.True(head.TryGet("/a.txt", out var found));
        Assert.Same(Entry, found);
        Assert.True(head.TryGet("/missing", out var absent));
        Assert.Null(absent);
        Assert.False(head.TryGet("/other", out _));
    }

    [Fact]
    public void TryGet_AfterAdvance_ForgetsEveryEarlierEntry()
    {
        var head = Head();
        var owner = new object();
        head.Advance(owner);
        head.Record(owner, "/a.txt", Entry);

        head.Advance(owner);

        Assert.False(head.TryGet("/a.txt", out _));
    }

    [Fact]
    public void TryGet_BeforeAnyActivationLoaded_AnswersNothing()
    {
        var head = Head();

        head.Record(new object(), "/a.txt", Entry);

        Assert.False(head.TryGet("/a.txt", out _));
    }

    [Fact]
    public void TryGet_AfterTheOwnerIsReleased_AnswersNothingEvenIfItAdvancesAgain()
    {
        var head = Head();
        var owner = new object();
        head.Advance(owner);
        head.Record(owner, "/a.txt", Entry);

        head.Release(owner);
        Assert.False(head.TryGet("/a.txt", out _));
        head.Advance(owner);
        head.Record(owner, "/a.txt", Entry);

        Assert.False(head.TryGet("/a.txt", out _));
    }

    [Fact]
    public void Record_ByAnotherActivation_IsIgnoredAndItsReleaseKeepsTheCurrentOne()
    {
        var head = Head();
        var (current, former) = (new object(), new object());
        head.Advance(current);

        head.Record(former, "/a.txt", Entry);
        head.Release(former);
        head.Record(current, "/b.txt", Entry);

        Assert.False(head.TryGet("/a.txt", out _));
        Assert.True(head.TryGet("/b.txt", out _));
    }

    [Fact]
    public void Record_PastMaxEntries_StartsOverWithinTheSameHead()
    {
        var head = Head(maxEntries: 2);
        var owner = new object();
        head.Advance(owner);

        head.Record(owner, "/1", Entry);
        head.Record(owner, "/2", Entry);
        head.Record(owner, "/3", Entry);

        Assert.False(head.TryGet("/1", out _));
        Assert.True(head.TryGet("/3", out _));
    }

    [Fact]
    public void TryGet_WithTheCacheOff_AnswersNothing()
    {
        var head = Head(maxEntries: 0);
        var owner = new object();
        head.Advance(owner);

        head.Record(owner, "/a.txt", Entry);

        Assert.False(head.TryGet("/a.txt", out _));
    }

    private static LocalHead Head(int maxEntries = 100) => new(Options.Create(new LocalHeadOptions { MaxEntries = maxEntries }));
}
