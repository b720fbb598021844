using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AeorDb.Grains.Observability;

/// <summary>
/// The grains' and store's instance of <c>Meter("AeorDb")</c> and <c>ActivitySource("AeorDb")</c>. The Api has its
/// own meter of the same name; an exporter listening to "AeorDb" sees both.
/// </summary>
internal static class GrainMeter
{
    public const string Name = "AeorDb";

    public static readonly Meter Meter = new(Name);

    /// <summary>Spans of grain and store work (tree commits, pulls, store batches).</summary>
    public static readonly ActivitySource Source = new(Name);
}
