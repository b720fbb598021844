using System.Collections.Concurrent;

namespace AeorDb.Grains.Services.Collection;

/// <summary>
/// What a collection must not sweep although no tree references it yet. Every object put is recorded here until a
/// tree commit references it (a file version holds its chunks, a commit releases its versions), so an upload or a pull
/// between its puts and its commit keeps its objects. While a collection runs, everything put or committed is also
/// recorded as touched: those writes happened after the collection's snapshot, which cannot see them.
/// </summary>
internal sealed class InFlightObjects(TimeProvider time)
{
    private readonly ConcurrentDictionary<ObjectKey, Pending> _pending = new();
    private readonly object _gate = new();
    private HashSet<ObjectKey>? _touched;

    /// <summary>True while a collection runs.</summary>
    public bool Collecting => Volatile.Read(ref _touched) is not null;

    /// <summary>An object was put (or found present by a writer that will rely on it).</summary>
    public void Put(ReadOnlySpan<byte> hash)
    {
        var key = ObjectKey.From(hash);
        _pending[key] = new Pending(time.GetTimestamp(), null);
        Touch(key);
    }

    /// <summary>A file version record was put: it holds its chunks until a commit references it, which releases both.</summary>
    public void PutVersion(ReadOnlySpan<byte> versionHash, IReadOnlyList<string> chunkHashes)
    {
        var chunks = new ObjectKey[chunkHashes.Count];
        for (var i = 0; i < chunks.Length; i++)
        {
            if (!ObjectKey.TryParse(chunkHashes[i], out chunks[i]))
            {
                throw new ArgumentException($"Not a chunk id: {chunkHashes[i]}", nameof(chunkHashes));
            }
        }

        var key = ObjectKey.From(versionHash);
        _pending[key] = new Pending(time.GetTimestamp(), chunks);
        Touch(key);
        foreach (var chunk in chunks)
        {
            Touch(chunk);
        }
    }

    /// <summary>A tree commit is durable: the versions it references are in the tree now, and its new objects too.</summary>
    public void Committed(IEnumerable<string> referencedHashes, IEnumerable<byte[]> newObjects)
    {
        foreach (var hash in referencedHashes)
        {
            if (ObjectKey.TryParse(hash, out var key))
            {
                Touch(key);
                if (_pending.TryRemove(key, out var pending) && pending.Chunks is { } chunks)
                {
                    foreach (var chunk in chunks)
                    {
                        Touch(chunk);
                        _pending.TryRemove(chunk, out _);
                    }
                }
            }
        }

        if (Collecting)
        {
            foreach (var hash in newObjects)
            {
                Touch(ObjectKey.From(hash));
            }
        }
    }

    /// <summary>Starts recording touched objects for a collection; forgets in-flight entries older than <paramref name="protection"/>.</summary>
    public void BeginCollection(TimeSpan protection)
    {
        lock (_gate)
        {
            if (_touched is not null)
            {
                throw new InvalidOperationException("A collection is already running.");
            }

            Volatile.Write(ref _touched, []);
        }

        var now = time.GetTimestamp();
        foreach (var (key, pending) in _pending)
        {
            if (time.GetElapsedTime(pending.Since, now) > protection)
            {
                _pending.TryRemove(key, out _);
            }
        }
    }

    public void EndCollection()
    {
        lock (_gate)
        {
            Volatile.Write(ref _touched, null);
        }
    }

    /// <summary>Every object the running collection must keep besides what it marked: in flight or touched since it began.</summary>
    public HashSet<ObjectKey> Protected()
    {
        var protectedKeys = new HashSet<ObjectKey>();
        foreach (var (key, pending) in _pending)
        {
            protectedKeys.Add(key);
            if (pending.Chunks is { } chunks)
            {
                protectedKeys.UnionWith(chunks);
            }
        }

        lock (_gate)
        {
            if (_touched is not null)
            {
                protectedKeys.UnionWith(_touched);
            }
        }

        return protectedKeys;
    }

    private void Touch(ObjectKey key)
    {
        if (!Collecting)
        {
            return;
        }

        lock (_gate)
        {
            _touched?.Add(key);
        }
    }

    private sealed record Pending(long Since, ObjectKey[]? Chunks);
}
