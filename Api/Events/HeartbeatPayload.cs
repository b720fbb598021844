namespace AeorDb.Api.Events;

/// <summary>The payload of <c>heartbeat</c> (CONTRACT §6.3, §6.4): <c>{"clock":{"intent_time","construct_time","node_id"}}</c>.</summary>
internal sealed record HeartbeatPayload(HeartbeatClock Clock);
