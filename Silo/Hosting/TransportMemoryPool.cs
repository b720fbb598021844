using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace AeorDb.Silo.Hosting;

/// <summary>
/// Kestrel's socket buffers: blocks of <see cref="BlockSize"/> bytes instead of Kestrel's default 4 KiB. The socket
/// transport receives into one block per call, so a 256 MiB upload took 65 536 <c>recv</c> calls (131 072 with the
/// zero-byte wait before each) and as many pipe segments for the body reader to walk; with 64 KiB blocks it takes
/// 4 096. Blocks are pinned (the socket reads into them) and at most <see cref="MaxRetainedBlocks"/> idle ones are kept;
/// the rest go back to the garbage collector.
/// </summary>
internal sealed class TransportMemoryPool : MemoryPool<byte>
{
    /// <summary>Bytes per block: what one socket receive can fill.</summary>
    public const int BlockSize = 64 * 1024;

    /// <summary>Idle blocks kept for reuse (4 MiB): a few connections' worth of full request buffers.</summary>
    public const int MaxRetainedBlocks = 64;

    private readonly ConcurrentQueue<Block> _idle = new();
    private int _idleCount;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_idle.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _idleCount);
            block.Lease();
            return block;
        }

        return new Block(this, GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true));
    }

    protected override void Dispose(bool disposing)
    {
        _idle.Clear();
    }

    private void Return(Block block)
    {
        if (Interlocked.Increment(ref _idleCount) <= MaxRetainedBlocks)
        {
            _idle.Enqueue(block);
            return;
        }

        Interlocked.Decrement(ref _idleCount);
    }

    /// <summary>One leased block; disposing it (once per lease) gives it back.</summary>
    private sealed class Block(TransportMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private int _leased = 1;

        public Memory<byte> Memory { get; } = array;

        public void Lease() => Volatile.Write(ref _leased, 1);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _leased, 0) == 1)
            {
                pool.Return(this);
            }
        }
    }
}
