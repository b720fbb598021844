namespace AeorDb.Api.Events;

/// <summary>The clock reading a heartbeat carries (CONTRACT §6.3).</summary>
/// <param name="IntentTime">The wall-clock boundary the beat was meant for: now (ms) floored to a multiple of the interval.</param>
/// <param name="ConstructTime">Wall-clock ms when the beat was built; receivers compare it with their own clock.</param>
/// <param name="NodeId">The emitting node's id (u64, never 0).</param>
internal sealed record HeartbeatClock(long IntentTime, long ConstructTime, ulong NodeId);
