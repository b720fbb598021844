using System.Net;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Errors;
using AeorDb.Api.Sync.Identity;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Sync;

/// <summary>
/// The responder's side of a cluster join (<c>POST /sync/join</c>, CONTRACT §5.4): rate limit per caller IP,
/// an audit record of every attempt, the joiner registered as a peer, and the shared signing key handed over.
/// </summary>
internal sealed partial class JoinService(
    IGrainFactory grains,
    SigningKeyStore keys,
    JoinRateLimiter limiter,
    TimeProvider time,
    IOptions<ApiOptions> options,
    ILogger<JoinService> logger)
{
    public const string MissingNodeUrlMessage = "Missing required field 'node_url'";

    public async Task<IResult> JoinAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var ip = ClientIp(context);

        // Counted before the body is looked at, so malformed attempts use up the allowance too.
        if (limiter.TryAcquire(ip) is { } limited)
        {
            await AuditAsync(ip, null, $"rate_limited: {limited.Reason}", cancellationToken).ConfigureAwait(false);
            context.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiErrors.Result(StatusCodes.Status429TooManyRequests, $"rate limit exceeded: {limited.Reason}", ApiErrors.RateLimitedCode);
        }

        var body = await JsonBody.ReadAsync(
            context.Request,
            options.Value.JsonBodyLimit,
            cancellationToken,
            whenEmpty: new JoinRequest(null, null),
            requireContentType: SyncRequests.HasBody(context.Request) && context.Request.ContentLength != 0).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var request = body.Value!;
        if (string.IsNullOrWhiteSpace(request.NodeUrl))
        {
            await AuditAsync(ip, null, "rejected: missing node_url", cancellationToken).ConfigureAwait(false);
            return ApiErrors.BadRequest(MissingNodeUrlMessage);
        }

        if (PeerAddressPolicy.Problem(request.NodeUrl, options.Value.AllowInsecurePeers) is { } problem)
        {
            await AuditAsync(ip, request.NodeUrl, "rejected: " + problem, cancellationToken).ConfigureAwait(false);
            return ApiErrors.BadRequest($"Invalid 'node_url': {problem}");
        }

        if (!keys.IsLoaded)
        {
            return ApiErrors.Result(StatusCodes.Status500InternalServerError, "This node has no signing key to share", ApiErrors.InternalErrorCode);
        }

        var cluster = grains.GetGrain<IClusterGrain>(0);
        var nodeId = await cluster.GetNodeIdAsync().ConfigureAwait(false);
        var before = await cluster.GetPeersAsync().ConfigureAwait(false);
        var peer = await cluster.RegisterJoinerAsync(request.NodeUrl, request.Label).ConfigureAwait(false);

        // A re-join replaces the old record of that address under a fresh id: its connection goes with it.
        foreach (var replaced in before.Where(p => p.Address == peer.Address && p.NodeId != peer.NodeId))
        {
            await grains.GetGrain<IPeerGrain>((long)replaced.NodeId).StopAsync().ConfigureAwait(false);
        }

        await grains.GetGrain<IPeerGrain>((long)peer.NodeId).StartAsync(peer).ConfigureAwait(false);
        await AuditAsync(ip, peer.Address, $"admitted: peer_node_id={peer.NodeId}", cancellationToken).ConfigureAwait(false);
        LogAdmitted(logger, peer.NodeId, peer.Address, ip);
        return TypedResults.Json(new JoinResponse(Convert.ToBase64String(keys.ExportSeed()), nodeId, peer.NodeId), ApiJson.Options);
    }

    /// <summary>The caller's IP: the first <c>X-Forwarded-For</c> entry, else <c>X-Real-IP</c>, else the socket's address.</summary>
    public static string ClientIp(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (!string.IsNullOrWhiteSpace(forwarded))
        {
            return forwarded.Split(',', 2)[0].Trim();
        }

        var real = context.Request.Headers["X-Real-IP"].ToString();
        if (!string.IsNullOrWhiteSpace(real))
        {
            return real.Trim();
        }

        var address = context.Connection.RemoteIpAddress;
        return address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>Records one attempt in the cluster grain's node-local audit. A failure is logged, never fatal to the join: the audit trail is advisory.</summary>
    private async Task AuditAsync(string ip, string? nodeUrl, string result, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entry = new JoinAuditEntry(time.GetUtcNow().ToUnixTimeMilliseconds(), ip, nodeUrl, result);
        try
        {
            await grains.GetGrain<IClusterGrain>(0).RecordJoinAttemptAsync(entry).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAuditFailed(logger, ip, exception.Message, exception);
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Admitted joining node {PeerNodeId} at {Address} from {RemoteIp}")]
    private static partial void LogAdmitted(ILogger logger, ulong peerNodeId, string address, string remoteIp);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not record the join attempt from {RemoteIp}: {Reason}")]
    private static partial void LogAuditFailed(ILogger logger, string remoteIp, string reason, Exception? exception);
}
