namespace AeorDb.Bench.Http;

/// <summary>Sends each request to the next of several servers in turn (their port replaces the request's).</summary>
internal sealed class SpreadHandler(IReadOnlyList<Uri> servers, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var server = servers[(int)((uint)Interlocked.Increment(ref _next) % (uint)servers.Count)];
        request.RequestUri = new UriBuilder(request.RequestUri!) { Host = server.Host, Port = server.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
