namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>
/// How long one phase took: writes finished on the first node, and every byte readable on the second; and the CPU
/// seconds both nodes' processes used in that span (a figure the shared machine's load moves less than wall time).
/// </summary>
internal sealed record PhaseTiming(double WrittenSeconds, double ReplicatedSeconds, double CpuSeconds)
{
    /// <summary>From the last write to the second node holding everything: what replication itself adds.</summary>
    public double TailSeconds => ReplicatedSeconds - WrittenSeconds;
}

/// <summary>One system under comparison: writes files into its first node and waits until its second holds them.</summary>
internal interface IReplicationSide : IAsyncDisposable
{
    /// <summary>Label in tables.</summary>
    string Name { get; }

    /// <summary>What runs, for the report.</summary>
    string Description { get; }

    /// <summary>
    /// Writes <paramref name="files"/> (under <paramref name="directory"/>) into the first node and returns once the
    /// second can read every one of them; the bytes are then verified on the second node outside the timed span.
    /// </summary>
    Task<PhaseTiming> ReplicateAsync(string directory, IReadOnlyList<ReplicaFile> files, CancellationToken cancellationToken);
}
