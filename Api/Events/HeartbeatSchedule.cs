namespace AeorDb.Api.Events;

/// <summary>
/// Wall-clock alignment of heartbeats (CONTRACT §6.3): beats fall on multiples of the interval
/// (:00, :15, :30, :45 for 15 s). Waiting until the next boundary from <em>now</em>, rather than sleeping a
/// whole interval, subtracts each beat's overshoot, so lateness never accumulates.
/// </summary>
internal static class HeartbeatSchedule
{
    /// <summary><paramref name="nowMs"/> floored to a multiple of <paramref name="intervalMs"/>: a beat's <c>intent_time</c>.</summary>
    public static long IntentTime(long nowMs, long intervalMs) => nowMs - Modulo(nowMs, intervalMs);

    /// <summary>The first boundary strictly after <paramref name="nowMs"/>.</summary>
    public static long NextBoundary(long nowMs, long intervalMs) => IntentTime(nowMs, intervalMs) + intervalMs;

    private static long Modulo(long value, long divisor)
    {
        var remainder = value % divisor;
        return remainder < 0 ? remainder + divisor : remainder;
    }
}
