namespace AeorDb.Grains.Peers;

/// <summary>
/// Pulls caused by the peer's change events, leading edge first: the first event pulls at once and opens a window
/// of <c>--sync-debounce-ms</c>; events that arrive inside it (or while a pull runs) share one follow-up pull when
/// it closes, which opens the next window. A lone write therefore travels without waiting out the delay, and a
/// burst of writes costs at most one pull per window.
/// </summary>
internal sealed partial class PeerGrain
{
    private IGrainTimer? _eventWindow;
    private IGrainTimer? _eventPullNow;
    private bool _eventInWindow;

    /// <summary>A change event: pull now unless a window is open, else mark the window's follow-up pull.</summary>
    private void PullOnEvent()
    {
        if (_eventWindow is not null)
        {
            _eventInWindow = true;
            return;
        }

        OpenEventWindow();
        PullNow();
    }

    /// <summary>Starts a loop pull in a turn of its own (a due-now timer), so the caller's turn returns at once.</summary>
    private void PullNow()
    {
        _eventPullNow ??= this.RegisterGrainTimer(
            _ =>
            {
                _eventPullNow?.Dispose();
                _eventPullNow = null;
                return RunLoopPullAsync();
            },
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    private void OpenEventWindow()
    {
        _eventInWindow = false;
        _eventWindow = this.RegisterGrainTimer(
            _ =>
            {
                _eventWindow?.Dispose();
                _eventWindow = null;
                if (!_eventInWindow)
                {
                    return Task.CompletedTask;
                }

                OpenEventWindow();
                return RunLoopPullAsync();
            },
            new GrainTimerCreationOptions { DueTime = _options.SyncDebounce, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    /// <summary>Drops the window and any pull it still owes (the link is gone; the next connect catches up).</summary>
    private void CloseEventWindow()
    {
        _eventWindow?.Dispose();
        _eventWindow = null;
        _eventPullNow?.Dispose();
        _eventPullNow = null;
        _eventInWindow = false;
    }
}
