using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.SystemRoutes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AeorDb.Silo.ScaleOut;

/// <summary>
/// Keeps every silo of the node on the stored JWT signing key. Each silo caches the key in memory, so a key adopted
/// through one silo (<c>/sync/join</c>) would otherwise keep failing tokens on the others: the silo that stored it
/// sends a notification, the others reload at once, and every silo also reloads periodically and on reconnect
/// (a missed notification, or a key that arrived by replication).
/// </summary>
internal sealed partial class SigningKeyWatch(
    SigningKeyStore keys,
    SiloNotifications notifications,
    StartupPhase phase,
    ScaleOutRuntime runtime,
    TimeProvider time,
    ILogger<SigningKeyWatch> logger) : BackgroundService
{
    private readonly SemaphoreSlim _reloadDue = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        keys.Stored += OnStored;
        notifications.Received += OnReceived;
        notifications.Reconnected += RequestReload;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var period = new CancellationTokenSource(runtime.PeerWatchInterval, time);
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, period.Token);
                try
                {
                    await _reloadDue.WaitAsync(tick.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The periodic reload is due.
                }

                await ReloadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            keys.Stored -= OnStored;
            notifications.Received -= OnReceived;
            notifications.Reconnected -= RequestReload;
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        // Before the bootstrap has loaded or made the key there is nothing to compare with.
        if (phase.State != StartupState.Serving || !keys.IsLoaded)
        {
            return;
        }

        try
        {
            if (await keys.ReloadAsync(cancellationToken).ConfigureAwait(false))
            {
                LogReloaded(logger);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReloadFailed(logger, exception);
        }
    }

    private void OnStored() => _ = NotifyStoredAsync();

    private async Task NotifyStoredAsync()
    {
        try
        {
            await notifications.NotifyAsync(SiloNotifications.SigningKeyChannel, runtime.SiloId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The others still pick the key up on their periodic reload.
            LogNotifyFailed(logger, exception);
        }
    }

    private void OnReceived(string channel, string payload)
    {
        if (channel == SiloNotifications.SigningKeyChannel && payload != runtime.SiloId)
        {
            RequestReload();
        }
    }

    private void RequestReload()
    {
        try
        {
            _reloadDue.Release();
        }
        catch (SemaphoreFullException)
        {
            // A reload is already due.
        }
    }

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Switched to the JWT signing key stored by another silo or by replication")]
    private static partial void LogReloaded(ILogger logger);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Warning, Message = "Reloading the JWT signing key failed")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Warning, Message = "Telling the other silos about the new JWT signing key failed")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);
}
