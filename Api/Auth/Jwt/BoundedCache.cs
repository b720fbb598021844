using System.Collections.Concurrent;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>
/// A small thread-safe cache whose entries expire at a given time and whose size is capped: when full,
/// expired entries are dropped first and, failing that, everything, so memory stays bounded even under a
/// flood of distinct keys. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (time.GetUtcNow() < entry.ExpiresAt)
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value, DateTimeOffset expiresAt)
    {
        if (expiresAt <= time.GetUtcNow())
        {
            return;
        }

        if (_entries.Count >= capacity && !_entries.ContainsKey(key))
        {
            Trim();
        }

        _entries[key] = new Entry(value, expiresAt);
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    public void Clear() => _entries.Clear();

    private void Trim()
    {
        var now = time.GetUtcNow();
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                _entries.TryRemove(pair);
            }
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
    }

    private readonly record struct Entry(TValue Value, DateTimeOffset ExpiresAt);
}
