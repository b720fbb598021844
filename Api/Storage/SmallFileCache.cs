using System.Collections.Concurrent;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Storage;

/// <summary>
/// The content of small file versions, kept in memory for GETs. Keys are version ids, which are content hashes: a
/// version's bytes never change, so nothing is ever invalidated, and an entry is served only after the route resolved
/// the path to that version and checked the caller's access, exactly as a store read would be.
/// Eviction is two generations: entries go into the current one; when it holds half the budget it becomes the previous
/// one and the former previous one is dropped; a hit in the previous generation moves the entry to the current one.
/// Recently read versions survive, memory stays under the budget, and no per-entry order is maintained.
/// Microsoft.Extensions.Caching.Memory is not used: entries here never expire and need no priorities or callbacks, and
/// its size limit is kept by compacting on the entries' last-access times, which every hit would have to update.
/// </summary>
internal sealed class SmallFileCache(IOptions<SmallFileCacheOptions> options)
{
    private readonly long _generationBytes = Math.Max(0, options.Value.MaxBytes) / 2;
    private readonly int _maxFileBytes = options.Value.MaxFileBytes;
    private readonly Lock _rotation = new();
    private volatile Generation _current = new();
    private volatile Generation _previous = new();

    /// <summary>True when a version of <paramref name="size"/> bytes is worth reading whole and keeping.</summary>
    public bool Accepts(long size) => _generationBytes > 0 && size <= _maxFileBytes && size <= _generationBytes;

    public bool TryGet(string versionHash, out SmallFile file)
    {
        if (_current.Files.TryGetValue(versionHash, out file!))
        {
            return true;
        }

        if (_previous.Files.TryGetValue(versionHash, out file!))
        {
            Add(file);
            return true;
        }

        return false;
    }

    public void Add(SmallFile file)
    {
        if (!Accepts(file.Content.Length))
        {
            return;
        }

        var generation = _current;
        if (generation.Files.TryAdd(file.Version.Hash, file)
            && Interlocked.Add(ref generation.Bytes, file.Content.Length + SmallFile.Overhead) > _generationBytes)
        {
            Rotate(generation);
        }
    }

    private void Rotate(Generation full)
    {
        lock (_rotation)
        {
            // Another thread may have rotated already: only the generation that filled up moves on.
            if (ReferenceEquals(_current, full))
            {
                _previous = full;
                _current = new Generation();
            }
        }
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<string, SmallFile> Files = new(StringComparer.Ordinal);
        public long Bytes;
    }
}
