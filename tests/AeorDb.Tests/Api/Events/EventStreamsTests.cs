using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AeorDb.Api;
using AeorDb.Api.Auth;
using AeorDb.Api.Events;
using AeorDb.Api.SystemRoutes;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Tests.Api.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AeorDb.Tests.Api.Events;

/// <summary>The SSE writer in process: exact frame bytes, the idle keep-alive on a fake clock, filtering and a clean end.</summary>
public sealed partial class EventStreamsTests
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);
    private static readonly Caller Root = new(Guid.Empty, null, null, [], false);

    [Fact]
    public async Task Stream_WritesExactFrames_PingsWhenIdle_FiltersTypes_AndEndsOnDisconnect()
    {
        await using var run = Run.Start("?events=server_ready,heartbeat");

        var ready = await run.NextFrameAsync();
        Assert.Matches(ServerReadyFrame(), ready);

        run.Time.Advance(KeepAlive);
        Assert.Equal(":ping\n\n", await run.NextFrameAsync());

        var skipped = NodeEvent.Create(EventTypes.EntriesCreated, 2, EventUsers.Of(Guid.Empty), new EntriesPayload([new EventEntry("/a", "file")]));
        var beat = EventBusTests.Heartbeat(3);
        run.Bus.Publish(skipped);
        run.Bus.Publish(beat);
        Assert.Equal($"id: {beat.EventId:D}\nevent: heartbeat\ndata: {JsonSerializer.Serialize(beat, ApiJson.Options)}\n\n", await run.NextFrameAsync());

        await run.DisconnectAsync();
        Assert.Equal(0, run.Bus.SubscriberCount);
    }

    [Fact]
    public void Frame_EntriesEnvelope_HasTheContractFieldsAndOmitsUnknownOnes()
    {
        var created = NodeEvent.Create(EventTypes.EntriesCreated, 5, EventUsers.Of(Guid.Empty), new EntriesPayload([new EventEntry("/a", "file", "text/plain", 3, "ab", 1, 2)]));
        var json = JsonSerializer.Serialize(created, ApiJson.Options);

        Assert.Equal(
            $$$$"""{"event_id":"{{{{created.EventId:D}}}}","event_type":"entries_created","timestamp":5,"user_id":"00000000-0000-0000-0000-000000000000","payload":{"entries":[{"path":"/a","entry_type":"file","content_type":"text/plain","size":3,"hash":"ab","created_at":1,"updated_at":2}]}}""",
            json);
        Assert.Equal("""{"path":"/d","entry_type":"directory"}""", JsonSerializer.Serialize(new EventEntry("/d", "directory"), ApiJson.Options));
    }

    [GeneratedRegex("""^id: ([0-9a-f-]{36})\nevent: server_ready\ndata: \{"event_id":"\1","event_type":"server_ready","timestamp":\d+,"user_id":"system","payload":\{"status":"ready","version":"9\.9\.9","startup_time":\d+,"uptime_ms":\d+\}\}\n\n$""")]
    private static partial Regex ServerReadyFrame();

    /// <summary>One stream served into a pipe, as Kestrel would serve it to a socket.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private readonly Pipe _pipe = new();
        private readonly CancellationTokenSource _aborted = new();
        private readonly StringBuilder _pending = new();
        private readonly Stream _output;
        private Task _serving = Task.CompletedTask;

        private Run()
        {
            _output = _pipe.Reader.AsStream();
            var options = Options.Create(new ApiOptions { Version = "9.9.9", EventKeepAliveInterval = KeepAlive, EventBufferCapacity = 16 });
            Bus = new EventBus(options, NullLogger<EventBus>.Instance);
            Streams = new EventStreams(Bus, new DenyAllPolicy(), new StubPathRules(), new StartupPhase(Time), Time, options, new Lifetime(), new AeorDb.Api.Security.EventStreamGate(Options.Create(new AeorDb.Api.Security.ResourceLimitOptions())), NullLogger<EventStreams>.Instance);
        }

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

        public EventBus Bus { get; }

        private EventStreams Streams { get; }

        public static Run Start(string query)
        {
            var run = new Run();
            var context = new DefaultHttpContext { RequestAborted = run._aborted.Token };
            context.Request.QueryString = new QueryString(query);
            context.Response.Body = run._pipe.Writer.AsStream();
            run._serving = run.Streams.StreamAsync(context, Root);
            return run;
        }

        /// <summary>The next complete frame (up to and including its blank line), read with a deadline.</summary>
        public async Task<string> NextFrameAsync()
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var buffer = new byte[4096];
            while (true)
            {
                var text = _pending.ToString();
                var end = text.IndexOf("\n\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    _pending.Remove(0, end + 2);
                    return text[..(end + 2)];
                }

                var read = await _output.ReadAsync(buffer, deadline.Token);
                Assert.NotEqual(0, read);
                _pending.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }

        public async Task DisconnectAsync()
        {
            await _aborted.CancelAsync();
            await _serving.WaitAsync(TimeSpan.FromSeconds(10));
        }

        public async ValueTask DisposeAsync()
        {
            await DisconnectAsync();
            _aborted.Dispose();
        }
    }

    private sealed class DenyAllPolicy : IAccessPolicy
    {
        public ValueTask<AccessDecision> CheckAsync(Caller caller, string canonicalPath, Operation operation, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(AccessDecision.NotFound);

        public ValueTask<string?> ListingPermissionsAsync(Caller caller, string childPath, Operation operation, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<string?>(null);
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
