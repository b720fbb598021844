using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AeorDb.Silo.ScaleOut;

/// <summary>
/// PostgreSQL <c>LISTEN</c>/<c>NOTIFY</c> between the silos of one node: one listening connection per silo, kept open
/// and re-opened with backoff when it drops. Notifications are a fast path only: whoever relies on them also
/// reloads on <see cref="Reconnected"/> and periodically, because a notification sent while a silo was
/// disconnected is lost.
/// </summary>
internal sealed partial class SiloNotifications(NpgsqlDataSource dataSource, TimeProvider time, ILogger<SiloNotifications> logger) : BackgroundService
{
    /// <summary>Change events of the node's file routes, forwarded to the other silos' event streams.</summary>
    public const string EventsChannel = "aeordb_events";

    /// <summary>"The signing key was stored": the other silos reload it.</summary>
    public const string SigningKeyChannel = "aeordb_signing_key";

    /// <summary>PostgreSQL refuses payloads of 8000 bytes or more; senders keep under this.</summary>
    public const int MaxPayloadBytes = 7900;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>A notification arrived on one of the channels: (channel, payload).</summary>
    public event Action<string, string>? Received;

    /// <summary>The listening connection was (re)opened; notifications sent before may have been missed.</summary>
    public event Action? Reconnected;

    /// <summary>Sends <paramref name="payload"/> on <paramref name="channel"/> to every listening silo (this one included).</summary>
    public async Task NotifyAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                LogListenFailed(logger, backoff.TotalMilliseconds, exception);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                continue;
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
        connection.Notification += (_, notification) => Received?.Invoke(notification.Channel, notification.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {EventsChannel}; LISTEN {SigningKeyChannel};", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
        }

        Reconnected?.Invoke();
        while (true)
        {
            await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Listening for the other silos' notifications failed; retrying in {RetryMs} ms")]
    private static partial void LogListenFailed(ILogger logger, double retryMs, Exception exception);
}
