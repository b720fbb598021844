using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeorDb.Tests.Http.Operations;

/// <summary>
/// A loopback OTLP/HTTP receiver (protobuf): keeps every span posted to <c>/v1/traces</c> and accepts (and drops)
/// <c>/v1/metrics</c> and <c>/v1/logs</c>. Point a node at it with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<OtlpSpan> _spans = [];

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base URL to put in <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<OtlpSpan> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", receiver.ReceiveTracesAsync);
        app.MapPost("/v1/metrics", () => Results.Ok());
        app.MapPost("/v1/logs", () => Results.Ok());
        await app.StartAsync();
        receiver.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveTracesAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var spans = OtlpSpan.Parse(body.ToArray());
        lock (_spans)
        {
            _spans.AddRange(spans);
        }

        return Results.Ok();
    }
}
