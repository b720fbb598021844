namespace AeorDb.Grains.Tree;

/// <summary>
/// Batch sizing under concurrent writes (<see cref="TreeCommitOptions.BatchLinger"/>). When a batch is answered, its
/// writers send their next writes over the following moments; the first to arrive would otherwise find the grain idle
/// and start a commit of its own while the rest queue behind it. Instead, a batch that starts with fewer than half the
/// calls of the last one waits until as many calls as the last batch had are queued, or for the linger at most.
/// </summary>
internal sealed partial class TreeGrain
{
    /// <summary>Calls taken into the last batch.</summary>
    private int _lastBatchCalls;

    /// <summary>Completed when <see cref="_fillTarget"/> calls are queued, while a batch lingers; null otherwise.</summary>
    private TaskCompletionSource? _filled;

    private int _fillTarget;

    /// <summary>After a call was queued: ends a linger once enough calls are queued.</summary>
    private void NoteQueued()
    {
        if (_filled is not null && _queue.Count >= _fillTarget)
        {
            _filled.TrySetResult();
        }
    }

    /// <summary>Waits, before a batch is taken, for the calls the last batch had (see the type's summary).</summary>
    private async Task LingerAsync()
    {
        var settings = commitOptions.Value;
        if (settings.BatchLinger <= TimeSpan.Zero || _lastBatchCalls < settings.LingerMinCalls || _queue.Count >= _lastBatchCalls / 2)
        {
            return;
        }

        _fillTarget = _lastBatchCalls;
        _filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var expiry = new CancellationTokenSource();
        try
        {
            await Task.WhenAny(_filled.Task, Task.Delay(settings.BatchLinger, time, expiry.Token));
        }
        finally
        {
            _filled = null;
            await expiry.CancelAsync();
        }
    }
}
