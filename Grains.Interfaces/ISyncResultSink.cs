namespace AeorDb.Grains.Interfaces;

/// <summary>
/// Where the peer grains report each pull's result, as the <c>syncs_completed</c> and <c>syncs_failed</c> events of
/// CONTRACT §6.4–§6.5. Implemented by the Api, which owns the event bus; reporting never blocks or fails a pull.
/// </summary>
public interface ISyncResultSink
{
    /// <summary>A pull from <paramref name="peerNodeId"/> succeeded.</summary>
    void Completed(ulong peerNodeId, int operationsApplied, int conflictsDetected);

    /// <summary>A pull from <paramref name="peerNodeId"/> failed; <paramref name="consecutiveFailures"/> counts this one.</summary>
    void Failed(ulong peerNodeId, string error, int consecutiveFailures);
}
