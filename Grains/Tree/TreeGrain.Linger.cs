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

    /// <summary>
    /// Waits, before a batch is taken, for more calls (see the type's summary). With batches in flight
    /// (<see cref="TreeCommitOptions.PipelineDepth"/> 2) the writers alternate between two halves: a batch formed with
    /// nothing in flight waits for half the calls of the last batch, one formed while <paramref name="below"/> is written
    /// for as many as the last batch had, or until <paramref name="below"/> settles.
    /// </summary>
    private async Task LingerAsync(InFlightBatch? below)
    {
        var settings = commitOptions.Value;
        if (settings.BatchLinger <= TimeSpan.Zero || _lastBatchCalls < settings.LingerMinCalls)
        {
            return;
        }

        var target = below is not null || settings.PipelineDepth == 1 ? _lastBatchCalls : (_lastBatchCalls + 1) / 2;
        var enough = below is not null || settings.PipelineDepth > 1 ? target : _lastBatchCalls / 2;
        if (_queue.Count >= enough)
        {
            return;
        }

        _fillTarget = target;
        _filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var expiry = new CancellationTokenSource();
        try
        {
            var linger = Task.Delay(settings.BatchLinger, time, expiry.Token);
            await (below is null ? Task.WhenAny(_filled.Task, linger) : Task.WhenAny(_filled.Task, linger, below.Settled));
        }
        finally
        {
            _filled = null;
            await expiry.CancelAsync();
        }
    }
}
