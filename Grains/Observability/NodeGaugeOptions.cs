namespace AeorDb.Grains.Observability;

/// <summary>Options of <see cref="NodeGauges"/>.</summary>
public sealed class NodeGaugeOptions
{
    /// <summary>How often at most the store is counted and the conflicts listed for the gauges (a scrape never waits for it).</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(15);
}
