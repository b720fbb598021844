using System.Collections.Concurrent;

namespace AeorDb.Grains.Services.Paths;

/// <summary>
/// Compiled globs by source text, shared by every request. Bounded: globs come from callers (listing
/// <c>glob</c>, sync <c>paths</c>), so when full the cache is emptied rather than grown; key rules are
/// few and recompile on their next use.
/// </summary>
internal sealed class GlobCache(int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The compiled glob, or null with <paramref name="error"/> when it does not compile.</summary>
    public GlobPattern? Get(string glob, out string? error)
    {
        if (!_entries.TryGetValue(glob, out var entry))
        {
            var pattern = GlobPattern.TryCompile(glob, out var compileError);
            entry = new Entry(pattern, compileError);
            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }

            _entries.TryAdd(glob, entry);
        }

        error = entry.Error;
        return entry.Pattern;
    }

    private sealed record Entry(GlobPattern? Pattern, string? Error);
}
