namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// A byte budget for the writer queue: a put takes its size before it is queued and the writer gives
/// it back once the put is committed. Waiters are served in arrival order, each taking its whole size
/// at once (partial holds by several waiters could otherwise deadlock). A request larger than the whole
/// budget is admitted when the budget is entirely free, so nothing waits forever.
/// </summary>
internal sealed class WriteBudget(long capacity)
{
    private readonly long _capacity = capacity;
    private readonly object _gate = new();
    private readonly Queue<(long Bytes, TaskCompletionSource Waiter)> _waiters = new();
    private long _available = capacity;

    /// <summary>Takes <paramref name="bytes"/>; completes synchronously when they are free.</summary>
    public ValueTask AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_waiters.Count == 0 && Fits(bytes))
            {
                _available -= bytes;
                return ValueTask.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue((bytes, waiter));
        }

        return new ValueTask(WaitAsync(waiter, cancellationToken));
    }

    /// <summary>Gives back bytes taken by <see cref="AcquireAsync"/> and admits the waiters that now fit.</summary>
    public void Release(long bytes)
    {
        lock (_gate)
        {
            _available += bytes;
            AdmitWaiters();
        }
    }

    private async Task WaitAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), waiter);
        try
        {
            await waiter.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The waiter never took bytes (admission and cancellation race on the same task, and only
            // a successful admission subtracts); a cancelled head may have been blocking others.
            lock (_gate)
            {
                AdmitWaiters();
            }

            throw;
        }
    }

    private void AdmitWaiters()
    {
        while (_waiters.TryPeek(out var next))
        {
            if (next.Waiter.Task.IsCompleted)
            {
                _waiters.Dequeue();
                continue;
            }

            if (!Fits(next.Bytes))
            {
                return;
            }

            _waiters.Dequeue();
            if (next.Waiter.TrySetResult())
            {
                _available -= next.Bytes;
            }
        }
    }

    private bool Fits(long bytes) => bytes <= _available || _available == _capacity;
}
