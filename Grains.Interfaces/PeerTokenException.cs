namespace AeorDb.Grains.Interfaces;

/// <summary>
/// No peer token can be sent to a peer address: it is refused by the peer address policy, or the peer did not prove
/// its node id. The message is meant for the peer's <c>last_error</c>.
/// </summary>
public sealed class PeerTokenException(string message) : Exception(message);
