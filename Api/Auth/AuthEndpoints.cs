using AeorDb.Api.Auth.Keys;
using AeorDb.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Auth;

/// <summary>The /auth route family (CONTRACT §3).</summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/auth");
        auth.MapPost("/token", ExchangeKeyAsync);
        auth.MapPost("/refresh", RefreshAsync);

        var keys = auth.MapGroup("/keys").RequireCaller();
        keys.MapPost("/", CreateKeyAsync);
        keys.MapGet("/", ListOwnKeysAsync);
        keys.MapGet("/users", ListUsersAsync);
        keys.MapDelete("/{key_id}", RevokeOwnKeyAsync);

        var admin = keys.MapGroup("/admin").AddEndpointFilter(static async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<KeyManagementPolicy>().CheckAdmin(context.HttpContext.GetCaller()) is { } denied
                ? ApiErrors.Forbidden(denied)
                : await next(context).ConfigureAwait(false));
        admin.MapPost("/", CreateAdminKeyAsync);
        admin.MapGet("/", ListAllKeysAsync);
        admin.MapDelete("/{key_id}", RevokeAnyKeyAsync);
        admin.MapPatch("/{key_id}", RelabelKeyAsync);
        return routes;
    }

    private static async Task<IResult> ExchangeKeyAsync(HttpRequest request, AuthTokenService tokens, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<TokenRequest>(request, options.Value.JsonBodyLimit, cancellationToken).ConfigureAwait(false);
        return body.Error ?? await tokens.ExchangeKeyAsync(body.Value!, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> RefreshAsync(HttpRequest request, AuthTokenService tokens, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RefreshRequest>(request, options.Value.JsonBodyLimit, cancellationToken).ConfigureAwait(false);
        return body.Error ?? await tokens.RefreshAsync(body.Value!, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> CreateKeyAsync(HttpContext context, ApiKeyService service, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await ReadOptionalAsync(context.Request, new CreateKeyRequest(null, null, null, null), options, cancellationToken).ConfigureAwait(false);
        return body.Error ?? await service.CreateOwnAsync(context.GetCaller(), body.Value!, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Ok<IReadOnlyList<KeyInfo>>> ListOwnKeysAsync(HttpContext context, ApiKeyService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListOwnAsync(context.GetCaller(), cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<ItemsResponse<UserInfo>>> ListUsersAsync(HttpContext context, ApiKeyService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemsResponse<UserInfo>(await service.ListUsersAsync(context.GetCaller(), cancellationToken).ConfigureAwait(false)));

    private static Task<Results<Ok<RevokedResponse>, JsonHttpResult<ErrorBody>>> RevokeOwnKeyAsync(HttpContext context, string key_id, ApiKeyService service, CancellationToken cancellationToken) =>
        service.RevokeAsync(context.GetCaller(), key_id, cancellationToken);

    private static async Task<IResult> CreateAdminKeyAsync(HttpContext context, ApiKeyService service, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await ReadOptionalAsync(context.Request, new AdminCreateKeyRequest(null), options, cancellationToken).ConfigureAwait(false);
        return body.Error ?? await service.CreateForUserAsync(context.GetCaller(), body.Value!, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Ok<ItemsResponse<KeyInfo>>> ListAllKeysAsync(ApiKeyService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemsResponse<KeyInfo>(await service.ListAllAsync(cancellationToken).ConfigureAwait(false)));

    private static Task<Results<Ok<RevokedResponse>, JsonHttpResult<ErrorBody>>> RevokeAnyKeyAsync(HttpContext context, string key_id, ApiKeyService service, CancellationToken cancellationToken) =>
        service.RevokeAsync(context.GetCaller(), key_id, cancellationToken);

    private static async Task<IResult> RelabelKeyAsync(HttpRequest request, string key_id, ApiKeyService service, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<UpdateKeyRequest>(request, options.Value.JsonBodyLimit, cancellationToken).ConfigureAwait(false);
        return body.Error ?? await service.RelabelAsync(key_id, body.Value!, cancellationToken).ConfigureAwait(false);
    }

    // POST /auth/keys and /auth/keys/admin have only optional fields: a request without a body is the empty object.
    private static Task<JsonBody.Outcome<T>> ReadOptionalAsync<T>(HttpRequest request, T empty, IOptions<ApiOptions> options, CancellationToken cancellationToken)
        where T : class
    {
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        return JsonBody.ReadAsync(request, options.Value.JsonBodyLimit, cancellationToken, whenEmpty: empty, requireContentType: hasBody);
    }
}
