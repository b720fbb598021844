using System.Collections.Concurrent;

namespace AeorDb.Api.Auth.Keys;

/// <summary>
/// Fixed-window limit on <c>POST /auth/token</c> attempts per key prefix (CONTRACT §3.2: 30 per 60 s), so an
/// attacker cannot grind a key's secret or burn CPU on argon2id. Bounded: when more than
/// <see cref="MaxTrackedPrefixes"/> prefixes are tracked, finished windows are dropped.
/// </summary>
internal sealed class TokenRateLimiter(int permitsPerWindow, TimeSpan window, TimeProvider time)
{
    public const int MaxTrackedPrefixes = 50_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts one attempt; false when the prefix has used up its window.</summary>
    public bool TryAcquire(string prefix)
    {
        var now = time.GetUtcNow();
        if (_windows.Count >= MaxTrackedPrefixes)
        {
            Trim(now);
        }

        var current = _windows.AddOrUpdate(
            prefix,
            static (_, state) => new Window(state.Now, 1),
            static (_, existing, state) => state.Now - existing.Start < state.Length
                ? existing with { Count = existing.Count + 1 }
                : new Window(state.Now, 1),
            (Now: now, Length: window));
        return current.Count <= permitsPerWindow;
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var pair in _windows)
        {
            if (now - pair.Value.Start >= window)
            {
                _windows.TryRemove(pair);
            }
        }
    }

    private readonly record struct Window(DateTimeOffset Start, int Count);
}
