using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Operations;

/// <summary>
/// Two real nodes, B joined to A and exporting traces: once A's write reaches B, B's metrics show the peer active
/// after a timed honeymoon, an ok pull with its operations and bytes, and B's trace of the pull holds its HTTP calls to A.
/// </summary>
public sealed class PeerTelemetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly string[] FastPeers =
    [
        "--heartbeat-interval-ms", "100", "--honeymoon-samples", "3", "--honeymoon-max-jitter-ms", "2000",
        "--sync-interval-ms", "500", "--sync-debounce-ms", "50",
    ];

    [Fact]
    public async Task Pull_JoinedPair_MetricsAndTraceShowThePull()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var a = await AeorDbNode.StartAsync(new NodeOptions { AdvertiseSelf = true, ExtraArguments = FastPeers });
        await using var b = await AeorDbNode.StartAsync(new NodeOptions
        {
            AdvertiseSelf = true,
            ExtraArguments = [.. FastPeers, "--join", a.BaseUrl.ToString().TrimEnd('/'), "--join-token", a.RootKey!],
            Environment = new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            },
        });
        var rootA = await a.RootAsync();
        var rootB = await b.RootAsync();
        var path = TestPaths.Unique("pulled") + "/a.txt";

        await rootA.PutTextAsync(path, "pulled by B");

        Assert.True(
            await Poll.UntilAsync(async () => (await rootB.GetAsync("/files" + path)).StatusCode == HttpStatusCode.OK, Deadline),
            "A's write never reached B:\n" + b.Output.Tail());

        // The pull is counted once it returns, just after its commit made the file readable.
        var scrape = await PrometheusScrape.TakeAsync(rootB);
        Assert.True(
            await Poll.UntilAsync(
                async () =>
                {
                    scrape = await PrometheusScrape.TakeAsync(rootB);
                    return scrape.Sum("aeordb_sync_pulls_total", "result=\"ok\"") >= 1 && scrape.Sum("aeordb_sync_operations_total") >= 1;
                },
                Deadline),
            scrape.Text);
        Assert.True(scrape.Sum("aeordb_sync_bytes_total") >= "pulled by B".Length);
        Assert.Equal(1, scrape.Sum("aeordb_peer_state", "state=\"active\""));
        Assert.True(scrape.Sum("aeordb_peer_honeymoon_duration_seconds_count") >= 1);
        Assert.True(scrape.Has("aeordb_peer_lag_seconds"));
        Assert.True(scrape.Has("aeordb_peer_lag_events"));

        // The pull's span holds B's HTTP calls to A (/sync/diff, /sync/chunks) as children.
        Assert.True(
            await Poll.UntilAsync(() => receiver.Spans.Any(span => span.Name.StartsWith("POST", StringComparison.Ordinal)
                && receiver.Spans.Any(pull => pull.Name == "aeordb.sync.pull" && pull.SpanId == span.ParentSpanId)), Deadline),
            "spans received: " + string.Join(", ", receiver.Spans.Select(s => s.Name).Distinct()));
    }
}
