using System.Collections.Concurrent;

namespace AeorDb.Grains.Services.Paths;

/// <summary>
/// Compiled globs by source text, shared by every request, bounded in (estimated) bytes rather than entries:
/// globs come from callers (listing <c>glob</c>, sync <c>paths</c>), and one compiled glob may weigh a hundred
/// bytes or a megabyte. Past the budget the oldest globs are dropped first; key rules in use recompile (in
/// microseconds) on their next use. A glob heavier than the whole budget is compiled for each use, never kept,
/// and so is a refused one: refusing costs less than compiling, and junk never pushes real globs out.
/// </summary>
internal sealed class GlobCache(long capacityBytes, Func<string, (GlobPattern? Pattern, string? Error)> compile)
{
    /// <summary>Bytes counted for an entry besides its key and pattern: dictionary node, queue slot, entry object.</summary>
    private const long EntryOverhead = 128;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();
    private long _bytes;

    /// <summary>Estimated bytes the cached globs hold now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Globs cached now.</summary>
    public int Count => _entries.Count;

    /// <summary>The compiled glob, or null with <paramref name="error"/> when it does not compile or passes a limit.</summary>
    public GlobPattern? Get(string glob, out string? error)
    {
        if (!_entries.TryGetValue(glob, out var entry))
        {
            var (pattern, compileError) = compile(glob);
            entry = new Entry(pattern, compileError, EntryOverhead + (2L * glob.Length) + (pattern?.EstimatedBytes ?? 0));
            if (pattern is not null && entry.Bytes <= capacityBytes)
            {
                Add(glob, entry);
            }
        }

        error = entry.Error;
        return entry.Pattern;
    }

    private void Add(string glob, Entry entry)
    {
        lock (_gate)
        {
            if (!_entries.TryAdd(glob, entry))
            {
                return;
            }

            _order.Enqueue(glob);
            _bytes += entry.Bytes;
            while (_bytes > capacityBytes && _order.TryDequeue(out var oldest))
            {
                if (_entries.TryRemove(oldest, out var removed))
                {
                    _bytes -= removed.Bytes;
                }
            }
        }
    }

    private sealed record Entry(GlobPattern? Pattern, string? Error, long Bytes);
}
