using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.OpenApi;

/// <summary>
/// The OpenAPI document of every route at <c>GET /openapi/v1.json</c>. Public: it describes the API (routes,
/// parameters, shapes), never data, keys or node state, and the same facts are in the README and the contract.
/// </summary>
internal static class OpenApiExtensions
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddAeorDbOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddDocumentTransformer<OperationalRoutesTransformer>());

    public static IEndpointRouteBuilder MapAeorDbOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath).AllowAnonymous()
            .WithMetadata(new DocumentedRoute("GET", "This OpenAPI document", "public", "application/json"));
        return routes;
    }

    /// <summary>Documents a route the OpenAPI generator cannot describe itself (a request delegate, not a handler).</summary>
    public static TBuilder Documented<TBuilder>(this TBuilder builder, string method, string summary, string access, string contentType = "application/json")
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedRoute(method, summary, access, contentType));

    /// <summary>Documents every endpoint <paramref name="builder"/> maps (a group a library maps), each under its own template and methods.</summary>
    public static TBuilder DocumentedEach<TBuilder>(this TBuilder builder, string summary, string access, string contentType)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var template = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText;
            endpoint.Metadata.Add(new DocumentedRoute(null, template is null ? summary : $"{summary}: {template}", access, contentType));
        });
        return builder;
    }
}
