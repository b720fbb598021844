namespace AeorDb.Api.Sync.Identity;

/// <summary>The answer of <c>GET /sync/identity</c>: this node's id and <see cref="PeerIdentityProof"/>'s signature (standard base64).</summary>
internal sealed record PeerIdentityBody(ulong NodeId, string Signature);
