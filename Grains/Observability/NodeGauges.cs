using System.Diagnostics.Metrics;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Services.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Observability;

/// <summary>
/// Node-wide gauges: objects and bytes in the store, and open conflicts. Each is read at most once per
/// <see cref="NodeGaugeOptions.RefreshPeriod"/> in the background (<see cref="CachedReading{T}"/>) and reported from memory.
/// </summary>
internal sealed class NodeGauges : IHostedService, IDisposable
{
    private readonly Meter _meter;
    private readonly CachedReading<StoreUsage> _usage;
    private readonly CachedReading<int> _conflicts;

    public NodeGauges(IMeterFactory meters, IStoreUsage store, IGrainFactory grains, IOptions<NodeGaugeOptions> options, TimeProvider time)
    {
        var period = options.Value.RefreshPeriod;
        _usage = new CachedReading<StoreUsage>(store.ReadUsageAsync, period, time);
        _conflicts = new CachedReading<int>(async _ => (await grains.GetGrain<IConflictGrain>(0).ListAsync().ConfigureAwait(false)).Count, period, time);
        _meter = meters.Create(GrainMeter.Name);
        _meter.CreateObservableGauge("aeordb.store.objects", () => Observe(_usage.Current?.Objects), "{object}", "Objects (chunks, file versions, directories) in the store");
        _meter.CreateObservableGauge("aeordb.store.bytes", () => Observe(_usage.Current?.Bytes), "By", "Bytes of object data in the store");
        _meter.CreateObservableGauge("aeordb.conflicts.open", () => Observe(_conflicts.Current), "{conflict}", "Unresolved conflicts");
        PeerGauges.Initialize();
    }

    /// <summary>Takes the first readings in the background, so the first scrape already reports them.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _usage.RefreshAsync();
        _ = _conflicts.RefreshAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Observe(long? value) =>
        value is { } known ? [new Measurement<long>(known)] : [];
}
