using AeorDb.Api.Storage;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.Extensions.Options;
using Xunit;

namespace AeorDb.Tests.Api.Storage;

public sealed class SmallFileCacheTests
{
    [Fact]
    public void TryGet_AfterAdd_ReturnsTheSameBytes()
    {
        var cache = Cache(maxBytes: 1 << 20);
        var file = File("a", 100);

        cache.Add(file);

        Assert.True(cache.TryGet("a", out var found));
        Assert.Same(file.Content, found.Content);
        Assert.False(cache.TryGet("b", out _));
    }

    [Fact]
    public void Add_LargerThanMaxFileBytes_IsNotKept()
    {
        var cache = Cache(maxBytes: 1 << 20, maxFileBytes: 1000);

        cache.Add(File("big", 1001));

        Assert.False(cache.Accepts(1001));
        Assert.False(cache.TryGet("big", out _));
    }

    [Fact]
    public void Add_WithZeroBudget_KeepsNothing()
    {
        var cache = Cache(maxBytes: 0);

        cache.Add(File("a", 10));

        Assert.False(cache.Accepts(10));
        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public void Add_PastTheBudget_DropsTheOldestAndKeepsWhatWasReadRecently()
    {
        // Each generation holds half of 8 entries' worth; every file costs 1000 bytes plus the overhead estimate.
        var cost = 1000 + SmallFile.Overhead;
        var cache = Cache(maxBytes: 8L * cost);
        for (var i = 0; i < 5; i++)
        {
            cache.Add(File("old" + i, 1000));
        }

        // The fifth file filled the generation: the five are now the previous one. "old0" is read again (moving to the
        // current generation); the others are not, and are dropped when the current one fills up in turn.
        Assert.True(cache.TryGet("old0", out _));
        for (var i = 0; i < 4; i++)
        {
            cache.Add(File("new" + i, 1000));
        }

        Assert.True(cache.TryGet("old0", out _));
        Assert.False(cache.TryGet("old1", out _));
        Assert.True(cache.TryGet("new3", out _));
    }

    private static SmallFileCache Cache(long maxBytes, int maxFileBytes = 64 * 1024) =>
        new(Options.Create(new SmallFileCacheOptions { MaxBytes = maxBytes, MaxFileBytes = maxFileBytes }));

    private static SmallFile File(string hash, int size) =>
        new(new FileVersion(hash, size, "text/plain", [], false), new byte[size]);
}
