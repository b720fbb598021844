using System.Net;
using System.Net.Http.Headers;

namespace AeorDb.Bench.Http;

/// <summary>The one way the bench builds HTTP clients, so both sides of a comparison see the same client.</summary>
internal static class BenchHttp
{
    /// <summary>
    /// HTTP/1.1 keep-alive pool of at most <paramref name="connections"/> sockets; no proxy, cookies,
    /// redirects or decompression, so the client does the least work it can.
    /// </summary>
    public static HttpClient Create(Uri baseAddress, int connections, string? bearerToken) =>
        Create(baseAddress, Handler(connections), bearerToken);

    /// <summary>
    /// Like <see cref="Create(Uri, int, string?)"/>, but the requests take turns over <paramref name="servers"/>
    /// (several silos of one node: the same API on each): the load a round-robin balancer would spread.
    /// </summary>
    public static HttpClient CreateSpread(IReadOnlyList<Uri> servers, int connections, string? bearerToken) =>
        Create(servers[0], new SpreadHandler(servers, Handler(connections)), bearerToken);

    private static SocketsHttpHandler Handler(int connections) =>
        new()
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };

    private static HttpClient Create(Uri baseAddress, HttpMessageHandler handler, string? bearerToken)
    {
        var client = new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(10),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }
}
