namespace AeorDb.Grains.Services.Peers;

/// <summary>A peer's answer passed the size this node accepts from a peer (<see cref="PeerOptions"/>); the pull or stream fails.</summary>
internal sealed class PeerBodyTooLargeException(string message) : IOException(message);
