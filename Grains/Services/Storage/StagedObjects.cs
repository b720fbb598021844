using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// The staged small files of a store (<see cref="AeorDb.Grains.Interfaces.ISmallFileStaging"/>), by version id. A tree
/// commit queued while a version is staged takes its objects into its own transaction (<see cref="Capture"/>); the
/// version stays staged until every writer that staged it released it, after its tree call answered, so each commit
/// built before that answer (the writer's own, or one putting the same content at another path) finds the objects,
/// and a commit built later finds them stored. Bounded by bytes: past the budget, writers put their objects first.
/// </summary>
internal sealed class StagedObjects(long maxBytes)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _byVersion = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>Bytes staged now (diagnostics and tests).</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Stages (or holds once more) a version and its objects; false when that would pass the budget.</summary>
    public bool TryAdd(FileVersion version, NewObject[] objects)
    {
        lock (_gate)
        {
            if (_byVersion.TryGetValue(version.Hash, out var held))
            {
                held.Holders++;
                return true;
            }

            var bytes = objects.Sum(static o => (long)o.Data.Length);
            if (_bytes + bytes > maxBytes)
            {
                return false;
            }

            _byVersion.Add(version.Hash, new Entry(version, objects, bytes));
            _bytes += bytes;
            return true;
        }
    }

    /// <summary>One writer is done with the version; the last one unstages it.</summary>
    public void Release(string versionHash)
    {
        lock (_gate)
        {
            if (_byVersion.TryGetValue(versionHash, out var held) && --held.Holders == 0)
            {
                _byVersion.Remove(versionHash);
                _bytes -= held.Bytes;
            }
        }
    }

    /// <summary>
    /// The staged objects and versions that the file entries among <paramref name="upserts"/> put; null when none is
    /// staged. Nothing is unstaged: another commit may reference the same version before its writers release it.
    /// </summary>
    public (List<NewObject> Objects, Dictionary<string, FileVersion> Versions)? Capture(IReadOnlyList<FileEntry> upserts)
    {
        List<NewObject>? objects = null;
        Dictionary<string, FileVersion>? versions = null;
        lock (_gate)
        {
            if (_byVersion.Count == 0)
            {
                return null;
            }

            foreach (var entry in upserts)
            {
                if (entry.Kind == EntryKind.File && _byVersion.TryGetValue(entry.Hash, out var held) && (versions ??= new(StringComparer.Ordinal)).TryAdd(held.Version.Hash, held.Version))
                {
                    (objects ??= []).AddRange(held.Objects);
                }
            }
        }

        return versions is null ? null : (objects!, versions);
    }

    private sealed class Entry(FileVersion version, NewObject[] objects, long bytes)
    {
        public FileVersion Version { get; } = version;

        public NewObject[] Objects { get; } = objects;

        public long Bytes { get; } = bytes;

        public int Holders { get; set; } = 1;
    }
}
