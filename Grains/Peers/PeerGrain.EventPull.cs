namespace AeorDb.Grains.Peers;

/// <summary>
/// Pulls caused by the peer's change events. An event that finds no pull running pulls at once; events that arrive
/// while a pull is in flight share one follow-up pull, started as soon as that pull ends. Only when events keep
/// arriving during follow-ups too (a sustained stream of writes) does the next follow-up wait until
/// <c>--sync-debounce-ms</c> after the previous one started. A lone write therefore never waits out the window, and a
/// long burst costs at most one pull per window (or per pull, when pulls take longer than the window).
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

    /// <summary>After <paramref name="ended"/> ended: runs the follow-up if events came meanwhile (at once, unless it was a follow-up itself).</summary>
    private void FollowUp(PullRun ended)
    {
        if (!_pullDue || _run is not null)
        {
            return;
        }

        var wait = ended.IsFollowUp
            ? ended.Progress.StartedAt + (long)_options.SyncDebounce.TotalMilliseconds - time.GetUtcNow().ToUnixTimeMilliseconds()
            : 0;
        if (wait <= 0)
        {
            StartPull(followUp: true);
            return;
        }

        _followUp ??= this.RegisterGrainTimer(
            _ =>
            {
                _followUp?.Dispose();
                _followUp = null;
                if (_pullDue)
                {
                    StartPull(followUp: true);
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
