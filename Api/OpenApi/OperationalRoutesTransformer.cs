using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace AeorDb.Api.OpenApi;

/// <summary>
/// Adds the routes carrying <see cref="DocumentedRoute"/> metadata to the document, and names the document. A route
/// without a handler and without that metadata stays missing, which the route-coverage test reports.
/// </summary>
internal sealed partial class OperationalRoutesTransformer(EndpointDataSource endpoints, IOptions<ApiOptions> api) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "AeorDB";
        document.Info.Version = api.Value.Version;
        document.Info.Description = "Content-addressed file database whose nodes replicate over HTTP. Routes marked root need a root JWT (Authorization: Bearer).";
        document.Paths ??= [];
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<DocumentedRoute>() is not { } route)
            {
                continue;
            }

            var path = OpenApiPath(endpoint.RoutePattern.RawText ?? "/");
            if (!document.Paths.TryGetValue(path, out var item) || item is not OpenApiPathItem pathItem)
            {
                pathItem = new OpenApiPathItem();
                document.Paths[path] = pathItem;
            }

            pathItem.Operations ??= [];
            var methods = route.Method is { } method ? [method] : endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            foreach (var verb in methods)
            {
                pathItem.Operations[new HttpMethod(verb)] = Operation(route);
            }
        }

        return Task.CompletedTask;
    }

    private static OpenApiOperation Operation(DocumentedRoute route) =>
        new()
        {
                Summary = route.Summary,
                Description = $"Access: {route.Access}.",
                Responses = new OpenApiResponses
                {
                    [StatusCodes.Status200OK.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
                    {
                        Description = "OK",
                        Content = new Dictionary<string, OpenApiMediaType> { [route.ContentType] = new OpenApiMediaType() },
                    },
                },
            };

    /// <summary>A route template as OpenAPI writes it: <c>{**path}</c> → <c>{path}</c>, constraints, defaults and a trailing slash dropped.</summary>
    public static string OpenApiPath(string template)
    {
        var path = Parameter().Replace(template, match => "{" + match.Groups["name"].Value + "}");
        path = path.StartsWith('/') ? path : "/" + path;
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
