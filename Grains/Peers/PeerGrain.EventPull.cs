namespace AeorDb.Grains.Peers;

/// <summary>
/// Pulls caused by the peer's change events. An event that finds no pull running pulls at once; events that arrive
/// while a pull is in flight share one follow-up pull, started when that pull ends, but no sooner than
/// <c>--sync-debounce-ms</c> after it started. A lone write therefore never waits out the window, and a burst costs at
/// most one pull per window (or per pull, when pulls take longer than the window).
/// </summary>
internal sealed partial class PeerGrain
{
    private IGrainTimer? _followUp;

    /// <summary>A change event: pull now unless a pull runs or a follow-up is already set, else mark the follow-up due.</summary>
    private void PullOnEvent()
    {
        if (_run is not null || _followUp is not null)
        {
            _pullDue = true;
            return;
        }

        StartPull();
    }

    /// <summary>After a pull that started at <paramref name="startedAt"/> ended: runs the follow-up if events came meanwhile.</summary>
    private void FollowUp(long startedAt)
    {
        if (!_pullDue || _run is not null)
        {
            return;
        }

        var wait = startedAt + (long)_options.SyncDebounce.TotalMilliseconds - time.GetUtcNow().ToUnixTimeMilliseconds();
        if (wait <= 0)
        {
            StartPull();
            return;
        }

        _followUp ??= this.RegisterGrainTimer(
            _ =>
            {
                _followUp?.Dispose();
                _followUp = null;
                if (_pullDue)
                {
                    StartPull();
                }

                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions { DueTime = TimeSpan.FromMilliseconds(wait), Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    /// <summary>Drops a pending follow-up (the link is gone; the next connect catches up).</summary>
    private void CloseEventWindow()
    {
        _followUp?.Dispose();
        _followUp = null;
        _pullDue = false;
    }
}
