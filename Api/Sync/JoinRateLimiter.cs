using System.Collections.Concurrent;

namespace AeorDb.Api.Sync;

/// <summary>
/// Sliding-window limits on <c>POST /sync/join</c> per caller IP (CONTRACT §5.4: 5 per minute and 30 per hour).
/// Only admitted attempts count. Bounded: past <see cref="MaxTrackedAddresses"/> addresses, idle ones are dropped.
/// </summary>
internal sealed class JoinRateLimiter(TimeProvider time)
{
    public const int PerMinute = 5;
    public const int PerHour = 30;
    public const int MaxTrackedAddresses = 10_000;
    public const string PerMinuteReason = "per-minute limit exceeded";
    public const string PerHourReason = "per-hour limit exceeded";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _attempts = new(StringComparer.Ordinal);

    /// <summary>Counts one attempt from <paramref name="ip"/>; null when allowed, else the reason and the seconds to wait.</summary>
    public (string Reason, int RetryAfterSeconds)? TryAcquire(string ip)
    {
        var now = time.GetUtcNow();
        if (_attempts.Count >= MaxTrackedAddresses)
        {
            Trim(now);
        }

        var attempts = _attempts.GetOrAdd(ip, static _ => new Queue<DateTimeOffset>());
        lock (attempts)
        {
            while (attempts.Count > 0 && now - attempts.Peek() >= Hour)
            {
                attempts.Dequeue();
            }

            if (attempts.Count(t => now - t < Minute) >= PerMinute)
            {
                return (PerMinuteReason, (int)Minute.TotalSeconds);
            }

            if (attempts.Count >= PerHour)
            {
                return (PerHourReason, (int)Hour.TotalSeconds);
            }

            attempts.Enqueue(now);
            return null;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var pair in _attempts)
        {
            lock (pair.Value)
            {
                if (pair.Value.Count == 0 || now - pair.Value.Last() >= Hour)
                {
                    _attempts.TryRemove(pair);
                }
            }
        }
    }
}
