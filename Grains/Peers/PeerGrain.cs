using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Observability;
using AeorDb.Grains.Services.Peers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Peers;

/// <summary>
/// One peer (key: its node id as the peer list stores it). Runs the connection state machine of CONTRACT
/// §6.2–§6.3: on start it opens the peer's event stream (→ honeymoon), feeds heartbeats to a
/// <see cref="ClockEstimator"/>, turns active when settled, drops to disconnected on stream loss and reconnects
/// with exponential backoff, with a fresh honeymoon every time. Pulls (§6.1) run one at a time: the grain is
/// not reentrant, and a pull runs outside its turns (<c>PeerGrain.Pull.cs</c>): a worker on the thread pool the grain starts
/// and observes, so heartbeats, events, status and triggers never wait behind a transfer. While active it pulls on the peer's
/// change events (at once when no pull runs; events during a pull share one follow-up: <c>PeerGrain.EventPull.cs</c>) and on a
/// periodic grain timer (§6.5), which after failures waits out <see cref="SyncBackoff"/>. The stream is read by
/// <see cref="PeerEventClient"/> on a task outside the grain's turns that reports back through this grain's reference; a
/// watchdog (<c>PeerGrain.Watchdog.cs</c>) drops a link that shows no heartbeat for <see cref="PeerOptions.HeartbeatTimeout"/>.
/// </summary>
internal sealed partial class PeerGrain(
    [PersistentState("state", "aeordb")] IPersistentState<PeerGrainState> state,
    PeerEventClient events,
    IOptions<PeerOptions> options,
    TimeProvider time,
    ILogger<PeerGrain> logger) : Grain, IPeerGrain, IPeerStreamSink
{
    private readonly PeerOptions _options = options.Value;
    private PeerRecord? _peer;
    private PeerState _state = PeerState.Disconnected;
    private ClockEstimator _clock = new();
    private long _connection;
    private int _reconnectFailures;
    private CancellationTokenSource? _stream;
    private IGrainTimer? _keepAlive;
    private IGrainTimer? _reconnect;
    private IGrainTimer? _periodic;
    private long? _nextRetryAt;
    private ulong? _reportedNodeId;
    private long? _lastSuccessAt;
    private long? _lastAttemptAt;
    private string? _lastError;
    private int _consecutiveFailures;
    private long _totalSyncs;
    private long _totalFailures;

    public async Task StartAsync(PeerRecord peer)
    {
        var addressChanged = _peer is not null && _peer.Address != peer.Address;
        if (_stream is not null && !addressChanged)
        {
            _peer = peer;
            return;
        }

        // A caller may hold a peer list read before the peer was removed (the scale-out peer watch does): a peer no
        // longer listed stays stopped. Removal lists first and stops after, so this check cannot miss a stop. A
        // running connection needs no check: a stop ends it first.
        var listed = await GrainFactory.GetGrain<IClusterGrain>(0).GetPeersAsync();
        if (!listed.Any(p => p.NodeId == peer.NodeId))
        {
            return;
        }

        _peer = peer;

        // Held while the peer is in the list: the connection lives in this activation.
        _keepAlive ??= this.RegisterGrainTimer(
            _ => Task.CompletedTask,
            new GrainTimerCreationOptions { DueTime = TimeSpan.FromMinutes(1), Period = TimeSpan.FromMinutes(1), KeepAlive = true });
        // Missed ticks are skipped: a grain timer does not queue ticks while its callback runs.
        _periodic ??= this.RegisterGrainTimer(
            _ => OnPeriodicTickAsync(),
            new GrainTimerCreationOptions { DueTime = _options.SyncInterval, Period = _options.SyncInterval, KeepAlive = true });
        StartWatchdog();
        _reconnectFailures = 0;
        Connect();
    }

    public Task StopAsync()
    {
        Disconnect();
        CancelPull("Peer removed");
        _peer = null;
        StopWatchdog();
        _keepAlive?.Dispose();
        _keepAlive = null;
        _periodic?.Dispose();
        _periodic = null;
        StopReporting();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>Answers from fields only (interleaved): never waits behind another turn.</summary>
    public Task<PeerStatus> GetStatusAsync()
    {
        var (lagSeconds, lagEntries) = Lag();
        return Task.FromResult(new PeerStatus(
            _state, state.State.LastSyncAt, _lastSuccessAt, _lastAttemptAt, _lastError, _consecutiveFailures, _totalSyncs, _totalFailures, _reportedNodeId,
            NextAttemptAt(), _run?.Progress.Snapshot(), lagSeconds, lagEntries, _totalPullsOk, _lastHeartbeatAt));
    }

    /// <summary>
    /// Interleaved: it only sets flags and starts the pull worker, then waits for the pull it asked for (the next one
    /// to start) while heartbeats, events and status calls go on. The answer's state is the one the trigger found.
    /// </summary>
    public async Task<PullResult> TriggerAsync(bool forceActivate)
    {
        var found = _state;
        if (found != PeerState.Active)
        {
            if (!forceActivate || _peer is null)
            {
                return new PullResult(false, true, found, 0, 0, null);
            }

            _state = PeerState.Active;
            LogForced(logger, _peer.Address, found.ToString().ToLowerInvariant());
            ReportState();
        }

        var waiter = new TaskCompletionSource<PullResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pullWaiters.Add(waiter);
        StartPull();
        var result = await waiter.Task;
        return result with { State = found };
    }

    public Task OnPeerChangedAsync(long connection, int entries)
    {
        if (connection != _connection || _peer is null)
        {
            return Task.CompletedTask;
        }

        Announced(entries);
        ReportChange();
        if (_state == PeerState.Active)
        {
            PullOnEvent();
        }

        return Task.CompletedTask;
    }

    public Task OnConnectedAsync(long connection)
    {
        if (connection != _connection || _peer is null)
        {
            return Task.CompletedTask;
        }

        // A fresh honeymoon on every connect; the saved statistics only seed the averages.
        _state = PeerState.Honeymoon;
        _lastSignAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        ReportConnected();
        _clock = new ClockEstimator();
        if (state.State.ClockStateAt is not null)
        {
            _clock.Seed(state.State.LastClockOffsetMs, state.State.LastWireTimeMs, state.State.LastJitterMs);
        }

        LogHoneymoon(logger, _peer.Address);
        return Task.CompletedTask;
    }

    public async Task OnHeartbeatAsync(long connection, long constructTime, ulong nodeId, long receivedAt)
    {
        if (connection != _connection || _peer is null || _state == PeerState.Disconnected)
        {
            return;
        }

        _reconnectFailures = 0;
        _lastSignAt = receivedAt;
        _lastHeartbeatAt = receivedAt;
        if (nodeId != 0 && _reportedNodeId != nodeId)
        {
            _reportedNodeId = nodeId;
            if (await HandOverToRealIdAsync(nodeId))
            {
                return;
            }
        }

        if (!_clock.Add(constructTime, receivedAt))
        {
            LogRejected(logger, _peer.Address, constructTime - receivedAt);
            ClockRejected(constructTime - receivedAt);
            return;
        }

        if (_state == PeerState.Honeymoon && _clock.IsSettled(_options.HoneymoonSamples, _options.HoneymoonMaxJitter.TotalMilliseconds))
        {
            _state = PeerState.Active;
            ReportActive();
            LogActive(logger, _peer.Address, _clock.OffsetMs, _clock.JitterMs);
            state.State.LastClockOffsetMs = _clock.OffsetMs;
            state.State.LastWireTimeMs = _clock.WireMs;
            state.State.LastJitterMs = _clock.JitterMs;
            state.State.ClockStateAt = receivedAt;
            await state.WriteStateAsync();

            // Catch up at once with whatever the peer wrote while the link was down.
            StartPull();
        }
    }

    public Task OnStreamLostAsync(long connection, string reason)
    {
        if (connection != _connection || _peer is null)
        {
            return Task.CompletedTask;
        }

        LinkLost(reason);
        return Task.CompletedTask;
    }

    /// <summary>The one path of a lost link (stream ended, reader failed, watchdog): disconnected, counted, reconnect after backoff.</summary>
    private void LinkLost(string reason)
    {
        Disconnect();
        _reconnectFailures++;
        var delay = TimeSpan.FromMilliseconds(Math.Min(
            _options.ReconnectInitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(_reconnectFailures - 1, 16)),
            _options.ReconnectMaxDelay.TotalMilliseconds));
        LinkFailed(reason, delay);
        _reconnect = this.RegisterGrainTimer(
            _ =>
            {
                _reconnect?.Dispose();
                _reconnect = null;
                if (_peer is not null && _stream is null)
                {
                    Connect();
                }

                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Disconnect();
        CancelPull("Peer connection deactivated");
        StopReporting();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The backoff of CONTRACT §6.5 after <paramref name="failures"/> consecutive failures: ±10 % around
    /// <c>min(30·2^min(f−1,8), 300)</c> s, with the 30 s base scaled to <paramref name="interval"/> (production's
    /// default interval is 30 s, so the production base is unchanged).
    /// </summary>
    internal static TimeSpan BackoffDelay(int failures, TimeSpan interval, double jitterUnit) =>
        SyncBackoff.WithJitter(failures, interval, jitterUnit);

    private Task OnPeriodicTickAsync()
    {
        if (_nextRetryAt is { } retryAt && time.GetUtcNow().ToUnixTimeMilliseconds() < retryAt)
        {
            return Task.CompletedTask;
        }

        // A running pull covers this tick: missed ticks are skipped (CONTRACT §6.5).
        if (_run is null)
        {
            StartPull();
        }

        return Task.CompletedTask;
    }

    /// <summary>Opens a new connection; reports of the previous one are ignored from now on.</summary>
    private void Connect()
    {
        Disconnect();
        var connection = ++_connection;
        _lastSignAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        _lastHeartbeatAt = null;
        var stream = new CancellationTokenSource();
        _stream = stream;
        var address = _peer!.Address;
        var sink = this.AsReference<IPeerStreamSink>();

        // The read loop runs off the grain's scheduler: it only calls the grain through its reference.
        _ = Task.Run(() => events.RunAsync(address, connection, sink, stream.Token), CancellationToken.None);
    }

    /// <summary>Drops the live link: disconnected, no reconnect pending.</summary>
    private void Disconnect()
    {
        _state = PeerState.Disconnected;
        _gauge?.SetState(_state);
        _connection++;
        _reconnect?.Dispose();
        _reconnect = null;
        CloseEventWindow();
        if (_stream is { } stream)
        {
            _stream = null;
            // Not disposed: the read loop may still be observing the token.
            stream.Cancel();
        }
    }

    private void Failed(string error)
    {
        _lastError = error;
        _consecutiveFailures++;
        _totalFailures++;
        var delay = BackoffDelay(_consecutiveFailures, _options.SyncInterval, (Random.Shared.NextDouble() * 2) - 1);
        _nextRetryAt = _lastAttemptAt.GetValueOrDefault(time.GetUtcNow().ToUnixTimeMilliseconds()) + (long)delay.TotalMilliseconds;
        ServiceProvider.GetService<ISyncResultSink>()?.Failed((ulong)this.GetPrimaryKeyLong(), error, _consecutiveFailures);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Peer {Address}: connected, honeymoon started")]
    private static partial void LogHoneymoon(ILogger logger, string address);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Peer {Address}: active (offset {OffsetMs:F1} ms, jitter {JitterMs:F1} ms)")]
    private static partial void LogActive(ILogger logger, string address, double offsetMs, double jitterMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Peer {Address}: heartbeat rejected, clock offset {OffsetMs} ms is beyond 30 s")]
    private static partial void LogRejected(ILogger logger, string address, long offsetMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Peer {Address}: pull failed ({Failures} in a row): {Error}")]
    private static partial void LogLoopPullFailed(ILogger logger, string address, int failures, string error);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Peer {Address}: forced active from {State} by /sync/trigger")]
    private static partial void LogForced(ILogger logger, string address, string state);
}
