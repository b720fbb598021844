namespace AeorDb.Api.SystemRoutes;

/// <summary>Where the node's start-up is.</summary>
internal enum StartupState
{
    /// <summary>Still starting: every route but GET /system/health answers 503.</summary>
    Starting = 0,

    /// <summary>Started: every route is served.</summary>
    Serving = 1,

    /// <summary>Start-up failed; the process is about to exit. Every route answers 500.</summary>
    Failed = 2,
}

/// <summary>
/// The node's start-up progress (CONTRACT §8), advanced by the host as it brings the node up and read by the
/// start-up gate and /system/health. Thread-safe: one immutable snapshot swapped as a whole.
/// </summary>
internal sealed class StartupPhase(TimeProvider timeProvider)
{
    private readonly DateTimeOffset _startedAt = timeProvider.GetUtcNow();
    private volatile Snapshot _current = new(StartupState.Starting, "initializing", "Starting", 0, timeProvider.GetUtcNow());

    public StartupState State => _current.State;

    /// <summary>Records the step now running; <paramref name="progress"/> is 0..1.</summary>
    public void Advance(string phase, string message, double progress) =>
        _current = new(StartupState.Starting, phase, message, Math.Clamp(progress, 0, 1), timeProvider.GetUtcNow());

    /// <summary>Start-up finished: serve every route.</summary>
    public void Complete() => _current = new(StartupState.Serving, "ready", "Ready", 1, timeProvider.GetUtcNow());

    /// <summary>Start-up failed with <paramref name="message"/> (no engine, peer or auth detail: it is public).</summary>
    public void Fail(string message) => _current = new(StartupState.Failed, "startup_failed", message, _current.Progress, timeProvider.GetUtcNow());

    /// <summary>The starting or failed body of CONTRACT §8.</summary>
    public StartupStatusBody Describe(string version)
    {
        var current = _current;
        return new StartupStatusBody(
            current.State == StartupState.Failed ? "failed" : "starting",
            current.Phase,
            current.Message,
            version,
            Rfc3339(_startedAt),
            Rfc3339(current.UpdatedAt),
            current.Progress,
            null,
            (long)(timeProvider.GetUtcNow() - _startedAt).TotalMilliseconds);
    }

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Snapshot(StartupState State, string Phase, string Message, double Progress, DateTimeOffset UpdatedAt);
}
