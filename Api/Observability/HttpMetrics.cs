using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Observability;

/// <summary>
/// The HTTP instruments of <c>Meter("AeorDb")</c>: requests and bytes by route family and status, and the latency
/// of file PUTs and GETs. Counters and histograms only; every tag value is a cached constant or boxed status, so
/// recording a request allocates nothing.
/// </summary>
internal static class HttpMetrics
{
    /// <summary>The meter name every AeorDb instrument shares (the Api's and the grains' meters are separate instances of it).</summary>
    public const string MeterName = "AeorDb";

    /// <summary>Seconds: from 1 ms to 60 s, so loopback PUTs and multi-GiB uploads both land in a bucket.</summary>
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly object[] BoxedStatus = Enumerable.Range(0, 600).Select(status => (object)status).ToArray();

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "aeordb.http.requests", "{request}", "HTTP requests answered, by route family, method and status");

    private static readonly Counter<long> RequestBytes = Meter.CreateCounter<long>(
        "aeordb.http.request.bytes", "By", "Request body bytes (declared Content-Length), by route family");

    private static readonly Counter<long> ResponseBytes = Meter.CreateCounter<long>(
        "aeordb.http.response.bytes", "By", "Response body bytes (declared Content-Length), by route family and status");

    private static readonly Histogram<double> FilePutDuration = Meter.CreateHistogram(
        "aeordb.files.put.duration", "s", "Time to answer PUT /files/…", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Histogram<double> FileGetDuration = Meter.CreateHistogram(
        "aeordb.files.get.duration", "s", "Time to answer GET /files/… (headers and body)", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    /// <summary>The method as a tag: the canonical string of a standard method, <c>OTHER</c> for anything else (bounded series).</summary>
    public static string MethodTag(string method)
    {
        var canonical = HttpMethods.GetCanonicalizedValue(method);
        return HttpMethods.IsGet(canonical) || HttpMethods.IsPut(canonical) || HttpMethods.IsPost(canonical) || HttpMethods.IsDelete(canonical)
            || HttpMethods.IsHead(canonical) || HttpMethods.IsPatch(canonical) || HttpMethods.IsOptions(canonical)
            ? canonical
            : "OTHER";
    }

    /// <summary>Records one answered request; <paramref name="method"/> comes from <see cref="MethodTag"/>.</summary>
    public static void Record(string family, string method, int status, long? requestBytes, long? responseBytes, long startTimestamp)
    {
        var boxedStatus = (uint)status < (uint)BoxedStatus.Length ? BoxedStatus[status] : status;
        var tags = new TagList
        {
            { "family", family },
            { "method", method },
            { "status", boxedStatus },
        };
        Requests.Add(1, tags);

        if (requestBytes is > 0 and var sent)
        {
            RequestBytes.Add(sent, new KeyValuePair<string, object?>("family", family));
        }

        if (responseBytes is > 0 and var received)
        {
            ResponseBytes.Add(received, new KeyValuePair<string, object?>("family", family), new KeyValuePair<string, object?>("status", boxedStatus));
        }

        if (ReferenceEquals(family, RouteFamily.Files))
        {
            var histogram = HttpMethods.IsPut(method) ? FilePutDuration : HttpMethods.IsGet(method) ? FileGetDuration : null;
            if (histogram is { Enabled: true })
            {
                histogram.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("status", boxedStatus));
            }
        }
    }
}
