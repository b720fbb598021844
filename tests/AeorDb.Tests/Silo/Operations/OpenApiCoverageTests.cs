using System.Net;
using AeorDb.Api.OpenApi;
using AeorDb.Silo.CommandLine;
using AeorDb.Silo.Hosting;
using AeorDb.Tests.TestSupport;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AeorDb.Tests.Silo.Operations;

/// <summary>
/// The OpenAPI document lists every route the node maps: the node's real host is composed in-process (every flag
/// that maps routes on), its endpoints enumerated, and each one looked up in the document it generates.
/// </summary>
public sealed class OpenApiCoverageTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Document_EveryMappedRoute_IsDocumentedWithItsMethods()
    {
        using var directory = new TempDirectory();
        var parsed = AeorDbCommandLine.Parse(
            ["start", "-D", directory.Combine("node.aeordb"), "--host", "127.0.0.1", "--port", "0", "--dashboard", "--metrics-public"],
            _ => null,
            directory.Path,
            "0.1.0");
        var options = Assert.IsType<AeorDb.Silo.CommandLine.NodeOptions>(parsed.Options);
        var prepared = await NodePreparation.PrepareAsync(options);
        await using var app = NodeHost.Build(options, prepared!, "0.1.0");

        // Started as a node starts (store, silo, Kestrel on a free port): routing then knows every mapped route.
        await app.StartAsync();
        try
        {
            var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
            var documented = document.Paths.ToDictionary(
                path => path.Key,
                path => path.Value.Operations?.Keys.Select(method => method.Method.ToUpperInvariant()).ToHashSet() ?? [],
                StringComparer.Ordinal);

            var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().ToList();
            Assert.NotEmpty(endpoints);
            var missing = new List<string>();
            foreach (var endpoint in endpoints)
            {
                var path = OperationalRoutesTransformer.OpenApiPath(endpoint.RoutePattern.RawText!);
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                foreach (var method in methods.Where(m => m != "OPTIONS"))
                {
                    if (!documented.TryGetValue(path, out var known) || !known.Contains(method))
                    {
                        missing.Add($"{method} {path}");
                    }
                }
            }

            Assert.True(missing.Count == 0, "Mapped but not in /openapi/v1.json:\n" + string.Join('\n', missing.Distinct()));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Document_Anonymous_ServedAsPublicJson()
    {
        using var response = await fixture.Node.Anonymous.GetAsync("/openapi/v1.json");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        var paths = body.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/files/{path}", paths);
        Assert.Contains("/sync/peers", paths);
        Assert.Contains("/health/ready", paths);
        Assert.Contains("/metrics", paths);
        Assert.Equal("AeorDB", body.GetProperty("info").GetProperty("title").GetString());
    }
}
