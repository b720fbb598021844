using Orleans.Concurrency;

namespace AeorDb.Grains.Peers;

/// <summary>
/// What the peer event client and the pull worker report to its <see cref="PeerGrain"/> from outside the grain's turns. Every call
/// carries the connection number it belongs to, so reports of a replaced connection are ignored.
/// </summary>
public interface IPeerStreamSink : IGrainWithIntegerKey
{
    /// <summary>The peer's event stream answered 200: the honeymoon starts.</summary>
    Task OnConnectedAsync(long connection);

    /// <summary>One heartbeat: the peer's <c>construct_time</c> and <c>node_id</c>, and the local receive time in ms.</summary>
    Task OnHeartbeatAsync(long connection, long constructTime, ulong nodeId, long receivedAt);

    /// <summary>
    /// The peer reported an <c>entries_created</c> or <c>entries_deleted</c> event: a pull is due. Interleaved, so an
    /// event is noted while a pull runs instead of queueing (with the stream's reader) behind it; it only sets
    /// timers and flags.
    /// </summary>
    [AlwaysInterleave]
    Task OnPeerChangedAsync(long connection, int entries);

    /// <summary>The stream could not be opened, ended, or its reader failed.</summary>
    Task OnStreamLostAsync(long connection, string reason);

    /// <summary>The pull worker numbered <paramref name="pull"/> finished: the grain stores its outcome in a turn of its own.</summary>
    Task OnPullFinishedAsync(long pull);
}
