namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>The two phases of a round.</summary>
internal enum ReplicationPhase
{
    Small,
    Large,
}

/// <summary>One round's timings per side and phase.</summary>
internal sealed class ReplicationRound(string name, bool warmup, string first)
{
    private readonly Dictionary<(string Side, ReplicationPhase Phase), PhaseTiming> _timings = [];

    public string Name { get; } = name;

    public bool Warmup { get; } = warmup;

    /// <summary>The side that ran first this round.</summary>
    public string First { get; } = first;

    public void Set(string side, ReplicationPhase phase, PhaseTiming timing) => _timings[(side, phase)] = timing;

    public PhaseTiming? Get(string side, ReplicationPhase phase) => _timings.GetValueOrDefault((side, phase));
}
