namespace AeorDb.Grains.Observability;

/// <summary>
/// A value an observable gauge reports from memory. A scrape that finds it older than the refresh period starts
/// one background refresh and reports the cached value, so a scrape never waits on the store or a grain.
/// </summary>
internal sealed class CachedReading<T>(Func<CancellationToken, Task<T>> read, TimeSpan period, TimeProvider time)
    where T : struct
{
    private readonly Lock _gate = new();
    private T? _value;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private bool _refreshing;

    /// <summary>The last value read (null before the first read completes); starts a refresh when stale.</summary>
    public T? Current
    {
        get
        {
            T? value;
            bool refresh;
            lock (_gate)
            {
                refresh = !_refreshing && time.GetUtcNow() - _readAt >= period;
                _refreshing |= refresh;
                value = _value;
            }

            // Outside the lock: a read that completes synchronously takes the lock again to store its value.
            if (refresh)
            {
                _ = RefreshAsync();
            }

            return value;
        }
    }

    /// <summary>Reads now (the first reading at start-up); a failed read keeps the last value.</summary>
    public async Task RefreshAsync()
    {
        lock (_gate)
        {
            _refreshing = true;
        }

        T? value = null;
        try
        {
            value = await read(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Keep the last value; the next scrape after the period tries again.
        }

        lock (_gate)
        {
            _value = value ?? _value;
            _readAt = time.GetUtcNow();
            _refreshing = false;
        }
    }
}
