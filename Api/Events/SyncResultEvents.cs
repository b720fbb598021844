using AeorDb.Grains.Interfaces;

namespace AeorDb.Api.Events;

/// <summary>
/// Publishes pull results on the node's bus (CONTRACT §6.4): <c>syncs_completed</c>
/// <c>{"peer_node_id","operations_applied","conflicts_detected"}</c> and <c>syncs_failed</c>
/// <c>{"peer_node_id","error","consecutive_failures"}</c>, both from the sync machinery (<c>user_id:"sync"</c>).
/// </summary>
internal sealed class SyncResultEvents(IEventPublisher publisher, TimeProvider timeProvider) : ISyncResultSink
{
    public void Completed(ulong peerNodeId, int operationsApplied, int conflictsDetected) =>
        Publish(EventTypes.SyncsCompleted, new SyncCompletedPayload(peerNodeId, operationsApplied, conflictsDetected));

    public void Failed(ulong peerNodeId, string error, int consecutiveFailures) =>
        Publish(EventTypes.SyncsFailed, new SyncFailedPayload(peerNodeId, error, consecutiveFailures));

    private void Publish(string eventType, object payload) =>
        publisher.Publish(NodeEvent.Create(eventType, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), EventUsers.Sync, payload));
}

/// <summary>The payload of <c>syncs_completed</c>.</summary>
internal sealed record SyncCompletedPayload(ulong PeerNodeId, int OperationsApplied, int ConflictsDetected);

/// <summary>The payload of <c>syncs_failed</c>.</summary>
internal sealed record SyncFailedPayload(ulong PeerNodeId, string Error, int ConsecutiveFailures);
