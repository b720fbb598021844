using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// Retries of the pull's peer calls (<c>/sync/diff</c>, <c>/sync/chunks</c>: reads, safe to repeat) through the
/// framework's HttpClient resilience: a dropped connection or a 5xx/408/429 is retried twice, 100 ms then 200 ms later
/// (with jitter), before the pull fails and waits out the §6.5 backoff. No timeout strategy: a large chunk answer may
/// rightly take minutes, bounded by the client's own timeout. A 413 is not transient: the puller splits the batch.
/// </summary>
internal static class PeerHttpResilience
{
    /// <summary>The pipeline's name in telemetry.</summary>
    public const string PipelineName = "aeordb-peer-retry";

    /// <summary>Retries after the first try.</summary>
    public const int MaxRetries = 2;

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline) =>
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetries,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        });
}
