using System.Net;
using System.Text;
using System.Text.Json;
using AeorDb.Grains.Services.Peers;
using Xunit;

namespace AeorDb.Tests.Services.Peers;

/// <summary>Bounded reads of what a peer sends: JSON answers, error texts and event-stream lines never exceed their limits.</summary>
public sealed class PeerBodiesTests
{
    [Fact]
    public async Task ReadJson_AnnouncedLengthOverLimit_RefusedBeforeReading()
    {
        using var response = Answer(new string('x', 100), announceLength: true);

        await Assert.ThrowsAsync<PeerBodyTooLargeException>(() => PeerBodies.ReadJsonAsync<JsonElement>(response, 50, JsonSerializerOptions.Default, "diff", CancellationToken.None));
    }

    [Fact]
    public async Task ReadJson_UnannouncedBodyOverLimit_CutOff()
    {
        using var response = Answer("{\"a\":\"" + new string('x', 10_000) + "\"}", announceLength: false);

        await Assert.ThrowsAsync<PeerBodyTooLargeException>(() => PeerBodies.ReadJsonAsync<JsonElement>(response, 1000, JsonSerializerOptions.Default, "diff", CancellationToken.None));
    }

    [Fact]
    public async Task ReadJson_WithinLimit_Parses()
    {
        using var response = Answer("{\"a\":1}", announceLength: false);

        var body = await PeerBodies.ReadJsonAsync<JsonElement>(response, 1000, JsonSerializerOptions.Default, "diff", CancellationToken.None);

        Assert.Equal(1, body.GetProperty("a").GetInt32());
    }

    [Fact]
    public async Task ReadErrorText_HugeBody_KeepsOnlyTheStart()
    {
        using var response = Answer(new string('e', 1_000_000), announceLength: false);

        var text = await PeerBodies.ReadErrorTextAsync(response, CancellationToken.None);

        Assert.Equal(PeerBodies.MaxErrorChars + 1, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LineReader_LinesWithinAndPastTheLimit_CutAndFlagged()
    {
        var text = "event: heartbeat\r\ndata: " + new string('z', 5000) + "\n\nlast";
        var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), 100);

        Assert.Equal(("event: heartbeat", false), await reader.ReadLineAsync(CancellationToken.None));
        var (cut, tooLong) = (await reader.ReadLineAsync(CancellationToken.None))!.Value;
        Assert.True(tooLong);
        Assert.Equal(100, cut.Length);
        Assert.Equal((string.Empty, false), await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal(("last", false), await reader.ReadLineAsync(CancellationToken.None));
        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));
    }

    [Fact]
    public async Task LineReader_TenMegabyteLineWithoutNewline_KeepsOnlyTheLimit()
    {
        var reader = new BoundedLineReader(new NewlineFreeStream(10 << 20), 1024);

        var (line, tooLong) = (await reader.ReadLineAsync(CancellationToken.None))!.Value;

        Assert.True(tooLong);
        Assert.Equal(1024, line.Length);
        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));
    }

    private static HttpResponseMessage Answer(string body, bool announceLength)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        HttpContent content = announceLength ? new ByteArrayContent(bytes) : new StreamContent(new MemoryStream(bytes));
        if (!announceLength)
        {
            content.Headers.ContentLength = null;
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>A body of <c>length</c> bytes with no newline, produced as it is read (never held whole).</summary>
    private sealed class NewlineFreeStream(long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var take = (int)Math.Min(count, _left);
            Array.Fill(buffer, (byte)'a', offset, take);
            _left -= take;
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
