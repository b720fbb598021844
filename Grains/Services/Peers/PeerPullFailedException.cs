namespace AeorDb.Grains.Services.Peers;

/// <summary>Ends one pull with a message for <c>PullResult.Error</c>; nothing has been applied when it is thrown.</summary>
internal sealed class PeerPullFailedException(string message) : Exception(message);
