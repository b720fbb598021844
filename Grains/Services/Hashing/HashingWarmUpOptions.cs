namespace AeorDb.Grains.Services.Hashing;

/// <summary>How a starting node brings its hashing code to the optimized tier (<see cref="HashingWarmUp"/>).</summary>
internal sealed class HashingWarmUpOptions
{
    /// <summary>
    /// Rounds of hashing one chunk; 0 turns the warm-up off. The JIT counts a method's calls at tier 0, then again at
    /// the instrumented tier, before compiling it fully, and starts counting only once no new method was compiled for
    /// 100 ms, which a node just started rarely offers at once: four rounds in its first second left the code at tier 0;
    /// twenty over five seconds, a few milliseconds of CPU each, see it through.
    /// </summary>
    public int Rounds { get; set; } = 20;

    /// <summary>Pause between rounds: longer than the JIT's 100 ms wait for quiet before it counts calls.</summary>
    public TimeSpan Pause { get; set; } = TimeSpan.FromMilliseconds(250);
}
