using AeorDb.Api.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Security;

/// <summary>
/// Counts the open event streams (<c>/system/events</c>, <c>/sync/events</c>) of this silo, per caller and in total,
/// so one caller cannot hold every connection and subscriber queue (<see cref="ResourceLimitOptions.MaxEventStreamsPerCaller"/>,
/// <see cref="ResourceLimitOptions.MaxEventStreams"/>). A caller is its API key; a token without one (peer tokens,
/// root tokens a node mints) counts per user and remote address, so each peer node has its own share.
/// </summary>
internal sealed class EventStreamGate(IOptions<ResourceLimitOptions> options)
{
    private readonly Dictionary<string, int> _perCaller = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _total;

    /// <summary>A lease to dispose when the stream ends, or null (with the reason) when a limit is reached.</summary>
    public IDisposable? TryEnter(HttpContext context, Caller caller, out string? refusal)
    {
        var limits = options.Value;
        var key = CallerKey(context, caller);
        lock (_gate)
        {
            _perCaller.TryGetValue(key, out var mine);
            if (_total >= limits.MaxEventStreams)
            {
                refusal = $"Too many open event streams on this node (at most {limits.MaxEventStreams}); try again later";
                return null;
            }

            if (mine >= limits.MaxEventStreamsPerCaller)
            {
                refusal = $"Too many open event streams for this caller (at most {limits.MaxEventStreamsPerCaller}); close one first";
                return null;
            }

            _perCaller[key] = mine + 1;
            _total++;
        }

        refusal = null;
        return new Lease(this, key);
    }

    private static string CallerKey(HttpContext context, Caller caller) =>
        caller.KeyId is { } keyId
            ? "key:" + keyId.ToString("N")
            : $"user:{caller.UserId:N}|{caller.Scope}|{context.Connection.RemoteIpAddress}";

    private void Leave(string key)
    {
        lock (_gate)
        {
            _total--;
            if (_perCaller.TryGetValue(key, out var mine) && mine > 1)
            {
                _perCaller[key] = mine - 1;
            }
            else
            {
                _perCaller.Remove(key);
            }
        }
    }

    private sealed class Lease(EventStreamGate gate, string key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(key);
            }
        }
    }
}
