namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// The retry delay of the periodic fallback after failed pulls (CONTRACT §6.5):
/// <c>min(30·2^min(f−1,8), 300)</c> s ±10 % after <c>last_attempt_at</c>. The 30 s base is a parameter
/// (<see cref="PeerOptions.SyncInterval"/>, whose default is 30 s) so that tests can shrink it; the cap is ten bases.
/// </summary>
internal static class SyncBackoff
{
    /// <summary>The cap, in bases: 300 s over a 30 s base.</summary>
    private const int CapInBases = 10;

    /// <summary>The delay after <paramref name="failures"/> consecutive failures, before jitter; zero when there are none.</summary>
    public static TimeSpan Delay(int failures, TimeSpan baseDelay)
    {
        if (failures < 1)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Min(1 << Math.Min(failures - 1, 8), CapInBases);
        return baseDelay * factor;
    }

    /// <summary>
    /// <see cref="Delay"/> with ±10 % jitter; <paramref name="unit"/> in [−1, 1] picks the point in that band
    /// (the caller draws it at random).
    /// </summary>
    public static TimeSpan WithJitter(int failures, TimeSpan baseDelay, double unit) =>
        Delay(failures, baseDelay) * (1 + (0.1 * Math.Clamp(unit, -1, 1)));
}
