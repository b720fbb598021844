namespace AeorDb.Grains.Interfaces.Models;

/// <summary>The outcome of one pull from a peer (CONTRACT §5.6 result entries).</summary>
/// <param name="Ok">True when the pull completed (possibly with nothing to apply).</param>
/// <param name="Skipped">True when the peer was not active and the pull was not attempted.</param>
/// <param name="State">The peer's state when the pull was asked for.</param>
/// <param name="OperationsApplied">Adds, modifications and deletes applied.</param>
/// <param name="ConflictsDetected">Conflicts recorded (0 until the merge issue).</param>
/// <param name="Error">Why the pull failed, when it did.</param>
[GenerateSerializer, Immutable, Alias("aeordb.PullResult")]
public sealed record PullResult(
    [property: Id(0)] bool Ok,
    [property: Id(1)] bool Skipped,
    [property: Id(2)] PeerState State,
    [property: Id(3)] int OperationsApplied,
    [property: Id(4)] int ConflictsDetected,
    [property: Id(5)] string? Error);
