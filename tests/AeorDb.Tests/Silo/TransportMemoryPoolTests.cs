using AeorDb.Silo.Hosting;
using Xunit;

namespace AeorDb.Tests.Silo;

/// <summary>The larger-block memory pool Kestrel's socket transport receives into.</summary>
public sealed class TransportMemoryPoolTests
{
    [Fact]
    public void Rent_AnySizeUpToBlock_GivesWholeBlock()
    {
        using var pool = new TransportMemoryPool();

        using var small = pool.Rent(1);
        using var unspecified = pool.Rent();
        using var full = pool.Rent(TransportMemoryPool.BlockSize);

        Assert.Equal(TransportMemoryPool.BlockSize, small.Memory.Length);
        Assert.Equal(TransportMemoryPool.BlockSize, unspecified.Memory.Length);
        Assert.Equal(TransportMemoryPool.BlockSize, full.Memory.Length);
        Assert.Equal(TransportMemoryPool.BlockSize, pool.MaxBufferSize);
    }

    [Fact]
    public void Rent_LargerThanBlock_Throws()
    {
        using var pool = new TransportMemoryPool();

        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(TransportMemoryPool.BlockSize + 1));
    }

    [Fact]
    public void Rent_AfterReturn_ReusesTheBlock()
    {
        using var pool = new TransportMemoryPool();
        var first = pool.Rent();
        first.Memory.Span[0] = 42;
        first.Dispose();

        using var second = pool.Rent();

        Assert.Same(first, second);
        Assert.Equal(42, second.Memory.Span[0]);
    }

    [Fact]
    public void Dispose_Twice_ReturnsTheBlockOnce()
    {
        using var pool = new TransportMemoryPool();
        var block = pool.Rent();
        block.Dispose();
        block.Dispose();

        using var first = pool.Rent();
        using var second = pool.Rent();

        Assert.Same(block, first);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Return_BeyondRetainedLimit_KeepsOnlyTheLimit()
    {
        using var pool = new TransportMemoryPool();
        var blocks = Enumerable.Range(0, TransportMemoryPool.MaxRetainedBlocks + 8).Select(_ => pool.Rent()).ToList();
        foreach (var block in blocks)
        {
            block.Dispose();
        }

        var again = Enumerable.Range(0, TransportMemoryPool.MaxRetainedBlocks + 8).Select(_ => pool.Rent()).ToList();

        Assert.Equal(TransportMemoryPool.MaxRetainedBlocks, again.Count(blocks.Contains));
    }
}
