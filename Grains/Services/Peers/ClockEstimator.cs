namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// The heartbeat clock maths of CONTRACT §6.3: moving averages of the peer's clock offset, the wire time and its
/// jitter. A plain value holder with no clock of its own: the caller passes each sample's local receive time.
/// </summary>
internal sealed class ClockEstimator
{
    /// <summary>Samples whose |offset| exceeds this are rejected (the peer stays in honeymoon).</summary>
    public const long MaxOffsetMs = 30_000;

    /// <summary>Below this many samples the averages move fast (α 0.5), after it slowly (α 0.2).</summary>
    public const int FastSamples = 5;

    /// <summary>Mean of <c>construct_time − receive</c> in ms; positive when the peer is ahead.</summary>
    public double OffsetMs { get; private set; }

    /// <summary>Mean one-way wire time in ms.</summary>
    public double WireMs { get; private set; }

    /// <summary>Mean change of the wire time between samples in ms.</summary>
    public double JitterMs { get; private set; }

    /// <summary>Accepted samples.</summary>
    public int Samples { get; private set; }

    /// <summary>Rejected samples (offset beyond <see cref="MaxOffsetMs"/>).</summary>
    public int Rejected { get; private set; }

    /// <summary>Local ms of the last accepted sample, or null.</summary>
    public long? LastUpdated { get; private set; }

    /// <summary>Starts the averages from saved statistics (a restart's head start); the sample count stays 0, so the honeymoon is never skipped.</summary>
    public void Seed(double offsetMs, double wireMs, double jitterMs)
    {
        OffsetMs = offsetMs;
        WireMs = wireMs;
        JitterMs = jitterMs;
    }

    /// <summary>Feeds one heartbeat; false when it was rejected.</summary>
    public bool Add(long constructTime, long receive)
    {
        var raw = constructTime - receive;
        if (Math.Abs(raw) > MaxOffsetMs)
        {
            Rejected++;
            return false;
        }

        var wire = (double)Math.Max(0, receive - constructTime);
        var alpha = Samples < FastSamples ? 0.5 : 0.2;
        OffsetMs = (OffsetMs * (1 - alpha)) + (raw * alpha);
        var previous = WireMs;
        WireMs = (WireMs * (1 - alpha)) + (wire * alpha);
        JitterMs = (JitterMs * (1 - alpha)) + (Math.Abs(wire - previous) * alpha);
        Samples++;
        LastUpdated = receive;
        return true;
    }

    /// <summary>True when at least <paramref name="minSamples"/> samples were accepted and the jitter is under <paramref name="maxJitterMs"/>.</summary>
    public bool IsSettled(int minSamples, double maxJitterMs) => Samples >= minSamples && JitterMs < maxJitterMs;
}
