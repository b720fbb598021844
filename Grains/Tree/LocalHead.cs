using System.Collections.Concurrent;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Tree;

/// <summary>
/// The silo-local HEAD cache behind <see cref="ILocalHead"/>. Only the tree grain's activation on this silo writes it,
/// always on its own scheduler and in the same turn in which it read or changed its index, so an entry recorded in a
/// generation is HEAD's entry for as long as that generation is current. Readers on any thread see a generation through
/// one volatile field: a new generation (a fresh map) replaces the old one atomically, so no reader can find an entry of
/// an older HEAD once the change that ended it was acknowledged.
/// </summary>
internal sealed class LocalHead(IOptions<LocalHeadOptions> options) : ILocalHead
{
    private readonly int _maxEntries = Math.Max(0, options.Value.MaxEntries);

    /// <summary>The current generation; null while no loaded activation of the tree grain lives on this silo.</summary>
    private volatile Generation? _current;

    /// <summary>The last activation that went away: a batch it still finishes after that must not publish again.</summary>
    private volatile object? _released;

    public bool TryGet(string path, out FileEntry? entry)
    {
        entry = null;
        return _current is { } generation && generation.Entries.TryGetValue(path, out entry);
    }

    /// <summary>HEAD of <paramref name="owner"/> was (re)loaded or changed: entries recorded before are no longer answered.</summary>
    public void Advance(object owner)
    {
        if (_maxEntries > 0 && !ReferenceEquals(_released, owner))
        {
            _current = new Generation(owner);
        }
    }

    /// <summary><paramref name="owner"/> goes away or learned that its HEAD is stale: nothing is answered until an activation loads again.</summary>
    public void Release(object owner)
    {
        _released = owner;
        if (_current is { } generation && ReferenceEquals(generation.Owner, owner))
        {
            _current = null;
        }
    }

    /// <summary>Records what <paramref name="owner"/> answered for <paramref name="path"/> from its current HEAD.</summary>
    public void Record(object owner, string path, FileEntry? entry)
    {
        if (_current is not { } generation || !ReferenceEquals(generation.Owner, owner))
        {
            return;
        }

        // Counted on the side: ConcurrentDictionary.Count takes every lock. A full generation starts over empty (the
        // entries are re-read on demand), which bounds memory without an eviction order to maintain.
        if (Interlocked.Increment(ref generation.Count) > _maxEntries)
        {
            generation = new Generation(owner);
            _current = generation;
        }

        generation.Entries[path] = entry;
    }

    private sealed class Generation(object owner)
    {
        public readonly object Owner = owner;
        public readonly ConcurrentDictionary<string, FileEntry?> Entries = new(StringComparer.Ordinal);
        public int Count;
    }
}
