using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Storage;

/// <summary><c>kill -9</c> while a large upload streams into the segment files, in both durability modes.</summary>
public sealed class SegmentDurabilityTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("normal")]
    [InlineData("full")]
    public async Task Kill9_DuringLargeUpload_EveryAcknowledgedFileIntactAfterRestart(string durability)
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = ["--durability", durability] });
        var root = await node.RootAsync();
        var acknowledged = new Dictionary<string, byte[]>();
        for (var i = 0; i < 6; i++)
        {
            var bytes = Segments.Pattern((i + 1) * 200_000, seed: (ulong)(100 + i));
            await root.PutFileAsync($"/killed/done{i}.bin", bytes);
            acknowledged[$"/killed/done{i}.bin"] = bytes;
        }

        var before = Segments.Bytes(node);

        // The upload stops sending halfway, after its first chunks reached the segment files, and the node dies.
        const long uploadSize = 32L * 1024 * 1024;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var content = new StreamContent(new GatedStream(new PatternStream(uploadSize, 99), uploadSize / 2, gate.Task));
        var upload = root.SendAsync(HttpMethod.Put, "/files/killed/interrupted.bin", content);
        Assert.True(
            await Poll.UntilAsync(() => Task.FromResult(Segments.Bytes(node) >= before + (4L * 1024 * 1024)), Deadline),
            $"The upload never reached the segment files ({Segments.Bytes(node)} bytes):\n{node.Output.Tail()}");
        await node.KillAsync();
        gate.SetResult();
        await Record.ExceptionAsync(() => upload);

        await node.RestartAsync();
        foreach (var (path, bytes) in acknowledged)
        {
            Assert.Equal(bytes, await Expect.BytesAsync(await root.GetAsync("/files" + path), HttpStatusCode.OK));
        }

        await Expect.StatusAsync(await root.GetAsync("/files/killed/interrupted.bin"), HttpStatusCode.NotFound);

        // The node goes on writing after the recovery, and what it writes survives the next restart too.
        var again = Segments.Pattern(5 * Segments.ChunkSize, seed: 200);
        await root.PutFileAsync("/killed/after.bin", again);
        await node.KillAsync();
        await node.RestartAsync();
        Assert.Equal(again, await Expect.BytesAsync(await root.GetAsync("/files/killed/after.bin"), HttpStatusCode.OK));
        foreach (var (path, bytes) in acknowledged)
        {
            Assert.Equal(bytes, await Expect.BytesAsync(await root.GetAsync("/files" + path), HttpStatusCode.OK));
        }
    }

    /// <summary>Reads through to <paramref name="inner"/> but holds at <paramref name="gateAt"/> bytes until <paramref name="gate"/> completes.</summary>
    private sealed class GatedStream(Stream inner, long gateAt, Task gate) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= gateAt)
            {
                await gate.WaitAsync(cancellationToken);
            }

            var allowed = _position < gateAt ? (int)Math.Min(buffer.Length, gateAt - _position) : buffer.Length;
            var read = await inner.ReadAsync(buffer[..allowed], cancellationToken);
            _position += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
