using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Operations;

/// <summary>Traces: with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> a PUT is one trace from the HTTP request through the grain calls to the store commit.</summary>
public sealed class TracingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Put_WithOtlpEndpoint_OneTraceFromRequestThroughGrainsToStoreCommit()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var node = await AeorDbNode.StartAsync(new NodeOptions
        {
            Environment = new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            },
        });
        var root = await node.RootAsync();

        await root.PutTextAsync(TestPaths.Unique("traced") + "/a.txt", "traced");

        OtlpSpan? put = null;
        Assert.True(
            await Poll.UntilAsync(() => (put = receiver.Spans.FirstOrDefault(s => s.Name == "PUT /files/{**path}")) is not null
                && receiver.Spans.Any(s => s.TraceId == put.TraceId && s.Name == "aeordb.tree.commit"), Deadline),
            "spans received: " + string.Join(", ", receiver.Spans.Select(s => s.Name).Distinct()));
        var trace = receiver.Spans.Where(s => s.TraceId == put!.TraceId).ToList();

        // The commit hangs under a grain call, which hangs (through others) under the HTTP request.
        var commit = trace.First(s => s.Name == "aeordb.tree.commit");
        var parent = trace.FirstOrDefault(s => s.SpanId == commit.ParentSpanId);
        Assert.NotNull(parent);
        Assert.Contains("Grain", parent.Name, StringComparison.Ordinal);
        Assert.Equal(put!.SpanId, Ancestors(trace, commit).Last().SpanId);
    }

    internal static IEnumerable<OtlpSpan> Ancestors(List<OtlpSpan> trace, OtlpSpan span)
    {
        for (var current = trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId); current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            yield return current;
        }
    }
}
