namespace AeorDb.Api.Console;

/// <summary>The 200 of <c>GET /system/node</c>: who this node is, how long it has run and how much it stores.</summary>
/// <param name="NodeId">This node's id (CONTRACT §5.5), null before the cluster state has one.</param>
/// <param name="Version">The product version.</param>
/// <param name="StartedAt">When the process began starting, Unix ms.</param>
/// <param name="UptimeMs">Milliseconds since <paramref name="StartedAt"/>.</param>
/// <param name="Storage">The database's footprint and the disk holding it.</param>
internal sealed record NodeInfoBody(ulong? NodeId, string Version, long StartedAt, long UptimeMs, NodeStorageBody Storage);
