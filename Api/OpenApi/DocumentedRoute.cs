namespace AeorDb.Api.OpenApi;

/// <summary>
/// Endpoint metadata describing a route that is not a route handler (health checks, the Prometheus scrape, the
/// dashboard), which the OpenAPI generator cannot see; <see cref="OperationalRoutesTransformer"/> adds it to the document.
/// </summary>
/// <param name="Method">The HTTP method documented; null for the endpoint's own methods (GET when it names none).</param>
/// <param name="Summary">One line for the operation.</param>
/// <param name="Access">Who may call it: <c>public</c> or <c>root</c>.</param>
/// <param name="ContentType">The answer's media type.</param>
internal sealed record DocumentedRoute(string? Method, string Summary, string Access, string ContentType);
