using System.Collections.Concurrent;
using System.Net;

namespace AeorDb.Tests.TestSupport;

/// <summary>
/// A hostile "peer" on loopback that a node is told to sync with. It forwards <c>GET /sync/identity</c> to a real
/// node (so it passes for that node, like a relay or a compromised proxy would) or, with no target, answers it
/// itself as a stranger; every other request is answered 503 after its <c>Authorization</c> header is recorded.
/// </summary>
public sealed class CapturingPeerProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _forward = new();
    private readonly Uri? _target;
    private readonly Task _loop;

    public CapturingPeerProxy(Uri? target)
    {
        _target = target;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The proxy's base URL, without trailing slash.</summary>
    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>Bearer tokens seen on requests, in arrival order.</summary>
    public ConcurrentQueue<string> Tokens { get; } = new();

    /// <summary>Paths requested, in arrival order.</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop.
        }

        _forward.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            Paths.Enqueue(request.Url!.AbsolutePath);
            if (request.Headers["Authorization"] is { } authorization && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                Tokens.Enqueue(authorization["Bearer ".Length..]);
            }

            if (request.Url.AbsolutePath == "/sync/identity" && _target is not null)
            {
                using var forwarded = await _forward.GetAsync(new Uri(_target, "/sync/identity" + request.Url.Query));
                response.StatusCode = (int)forwarded.StatusCode;
                response.ContentType = "application/json";
                var bytes = await forwarded.Content.ReadAsByteArrayAsync();
                await response.OutputStream.WriteAsync(bytes);
            }
            else if (request.Url.AbsolutePath == "/sync/identity")
            {
                // A stranger claims some node id without holding the cluster key.
                response.StatusCode = 200;
                response.ContentType = "application/json";
                await response.OutputStream.WriteAsync("{\"node_id\":12345,\"signature\":\"AAAA\"}"u8.ToArray());
            }
            else
            {
                response.StatusCode = 503;
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or HttpListenerException or IOException)
        {
            response.StatusCode = 502;
        }
        finally
        {
            response.Close();
        }
    }
}
