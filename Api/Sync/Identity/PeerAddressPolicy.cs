using System.Net;

namespace AeorDb.Api.Sync.Identity;

/// <summary>
/// Which peer addresses this node talks to: <c>https://</c> always, <c>http://</c> only to a loopback host
/// (<c>localhost</c>, 127.0.0.0/8, ::1) unless <c>--allow-insecure-peers</c> (<c>allow_insecure_peers</c> in the
/// config's <c>[sync]</c>) is given, because a peer token (and the data a pull moves) would cross the network in
/// clear. Checked where a peer address enters (<c>--peers</c>, <c>--join</c>, <c>POST /sync/peers</c>, a joiner's
/// <c>node_url</c>) and again before any peer token is sent.
/// </summary>
internal static class PeerAddressPolicy
{
    /// <summary>The flag named in the refusals.</summary>
    public const string AllowFlag = "--allow-insecure-peers";

    /// <summary>Null when <paramref name="address"/> is an acceptable peer base URL, else why not (one line for the operator).</summary>
    public static string? Problem(string address, bool allowInsecure)
    {
        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"peer address must be an http:// or https:// base URL: {address}";
        }

        if (uri.Scheme == Uri.UriSchemeHttps || allowInsecure || IsLoopback(uri))
        {
            return null;
        }

        return $"peer address {address} is plain http to a non-loopback host: use https:// (or start the node with {AllowFlag})";
    }

    /// <summary>True for <c>localhost</c> and loopback IP literals.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
