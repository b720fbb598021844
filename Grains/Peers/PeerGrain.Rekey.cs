using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Peers;

/// <summary>
/// Learning a peer's real node id. A peer added by address (<c>POST /sync/peers</c>, <c>--peers</c>, a joiner)
/// is listed under a random label until its heartbeats name it; then the peer list is re-keyed and this grain hands
/// its state to the grain keyed by the real id and retires, so <c>/sync/peers</c>, <c>/sync/status</c>,
/// <c>/sync/trigger</c> and <c>DELETE /sync/peers/{node_id}</c> all use the id the peer itself reports.
/// </summary>
internal sealed partial class PeerGrain : IPeerHandover
{
    public async Task TakeOverAsync(PeerRecord peer, PeerHandover handover)
    {
        // The base and the statistics describe the same node under its old label; a base this grain already
        // holds (the node was known under its real id before) is kept when the handover has none.
        // The base travels with the sync_paths it was taken under: without them a filtered peer's base would not match
        // (PeerBase.For) and the first pull after the re-key would be a needless full listing.
        if (handover.LastSyncedRootHash is not null)
        {
            state.State.LastSyncedRootHash = handover.LastSyncedRootHash;
            state.State.BaseSyncPaths = handover.BaseSyncPaths is null ? null : [.. handover.BaseSyncPaths];
        }

        state.State.LastSyncAt = handover.LastSyncAt ?? state.State.LastSyncAt;
        if (handover.ClockStateAt is not null)
        {
            state.State.LastClockOffsetMs = handover.LastClockOffsetMs;
            state.State.LastWireTimeMs = handover.LastWireTimeMs;
            state.State.LastJitterMs = handover.LastJitterMs;
            state.State.ClockStateAt = handover.ClockStateAt;
        }

        await state.WriteStateAsync();
        _lastSuccessAt = handover.LastSuccessAt;
        _lastAttemptAt = handover.LastAttemptAt;
        _lastError = handover.LastError;
        _consecutiveFailures = handover.ConsecutiveFailures;
        _totalSyncs = handover.TotalSyncs;
        _totalFailures = handover.TotalFailures;
        _nextRetryAt = handover.NextRetryAt;
        _reportedNodeId = peer.NodeId;
        await StartAsync(peer);
    }

    /// <summary>
    /// Called with the node id of each heartbeat that differs from the last one seen. True when the peer was
    /// re-keyed and handed over: this grain has retired and the heartbeat belongs to the new grain's connection.
    /// </summary>
    private async Task<bool> HandOverToRealIdAsync(ulong realId)
    {
        var listedId = (ulong)this.GetPrimaryKeyLong();
        if (realId == listedId || _peer is null)
        {
            return false;
        }

        PeerRecord? rekeyed;
        try
        {
            rekeyed = await GrainFactory.GetGrain<IClusterGrain>(0).RekeyPeerAsync(listedId, realId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not fatal: the peer keeps its label and the next heartbeat tries again.
            _reportedNodeId = null;
            LogRekeyFailed(logger, _peer.Address, listedId, realId, exception);
            return false;
        }

        if (rekeyed is null)
        {
            LogRekeyRefused(logger, _peer.Address, listedId, realId);
            return false;
        }

        var handover = new PeerHandover(
            state.State.LastSyncedRootHash, state.State.LastSyncAt, state.State.LastClockOffsetMs, state.State.LastWireTimeMs,
            state.State.LastJitterMs, state.State.ClockStateAt, _lastSuccessAt, _lastAttemptAt, _lastError, _consecutiveFailures,
            _totalSyncs, _totalFailures, _nextRetryAt, state.State.BaseSyncPaths?.ToArray());
        Disconnect();
        try
        {
            await GrainFactory.GetGrain<IPeerHandover>((long)realId).TakeOverAsync(rekeyed, handover);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The list already names the real id: the peer must run there, if need be without this grain's state.
            LogHandoverFailed(logger, rekeyed.Address, realId, exception);
            await GrainFactory.GetGrain<IPeerGrain>((long)realId).StartAsync(rekeyed);
        }

        LogRekeyed(logger, rekeyed.Address, listedId, realId);
        await RetireAsync();
        return true;
    }

    /// <summary>Stops for good: the peer lives on under another key, so this key's persisted state goes.</summary>
    private async Task RetireAsync()
    {
        await StopAsync();
        try
        {
            await state.ClearStateAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Harmless: nothing reads the state of a retired key; it is only left behind in storage.
            LogClearFailed(logger, (ulong)this.GetPrimaryKeyLong(), exception);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Peer {Address}: re-keyed from label {ListedId} to its real node id {RealId}")]
    private static partial void LogRekeyed(ILogger logger, string address, ulong listedId, ulong realId);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Peer {Address}: heartbeats carry node id {RealId}, but it stays listed as {ListedId} (this node's own id, or another peer's)")]
    private static partial void LogRekeyRefused(ILogger logger, string address, ulong listedId, ulong realId);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Peer {Address}: re-keying {ListedId} to {RealId} failed; retrying on a later heartbeat")]
    private static partial void LogRekeyFailed(ILogger logger, string address, ulong listedId, ulong realId, Exception exception);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Peer {Address}: handing the sync state over to {RealId} failed; it starts there afresh")]
    private static partial void LogHandoverFailed(ILogger logger, string address, ulong realId, Exception exception);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Peer label {ListedId}: clearing the retired state failed")]
    private static partial void LogClearFailed(ILogger logger, ulong listedId, Exception exception);
}
