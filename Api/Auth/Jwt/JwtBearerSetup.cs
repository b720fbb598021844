using AeorDb.Api.Auth.Keys;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>
/// Configures the JwtBearer scheme: the caching EdDSA token handler, the contract's validation rules, the
/// <c>?token=</c> fallback, and the events that put the request's <see cref="Caller"/> in <c>HttpContext.Items</c>.
/// The scheme never writes responses itself: <see cref="CallerExtensions.RequireCaller"/> answers 401.
/// </summary>
internal sealed class JwtBearerSetup(
    SigningKeyStore keys,
    CachingJsonWebTokenHandler handler,
    CallerResolver callers,
    IOptions<ApiOptions> apiOptions,
    TimeProvider time) : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>Items key set when a token was present but refused, so the 401 names the right problem.</summary>
    public static readonly object TokenRejectedKey = new();

    public void Configure(string? name, JwtBearerOptions options) => Configure(options);

    public void Configure(JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(handler);
        options.TokenValidationParameters = TokenValidation.Create(keys, apiOptions.Value.ClockSkew, time);
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = TakeQueryToken,
            OnAuthenticationFailed = context =>
            {
                context.HttpContext.Items[TokenRejectedKey] = true;
                return Task.CompletedTask;
            },
            OnTokenValidated = ResolveCallerAsync,
        };
    }

    /// <summary>True for the routes that take the Authorization header only (CONTRACT §1.1).</summary>
    public static bool IsHeaderOnly(PathString path) =>
        path.Equals("/sync/diff", StringComparison.Ordinal) || path.Equals("/sync/chunks", StringComparison.Ordinal);

    private static Task TakeQueryToken(MessageReceivedContext context)
    {
        var request = context.Request;
        if (request.Headers.ContainsKey(HeaderNames.Authorization) || IsHeaderOnly(request.Path)
            || !request.Query.TryGetValue("token", out var values) || string.IsNullOrEmpty(values[0]))
        {
            return Task.CompletedTask;
        }

        context.Token = values[0];
        var response = context.Response;
        response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, response);
        return Task.CompletedTask;
    }

    private async Task ResolveCallerAsync(TokenValidatedContext context)
    {
        var caller = context.Principal is null ? null : await callers.ResolveAsync(context.Principal, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (!Attach(context.HttpContext, caller))
        {
            context.Fail("The token's key is revoked, expired or unknown.");
        }
    }

    /// <summary>
    /// Puts the resolved <paramref name="caller"/> on the request, or marks the token refused when it is null (a
    /// revoked, expired or unknown key, a deactivated user, a peer token for another node). Both authentication
    /// paths, this scheme and <see cref="CachedBearerAuthentication"/>, end here. False when refused.
    /// </summary>
    public static bool Attach(HttpContext context, Caller? caller)
    {
        if (caller is null)
        {
            context.Items[TokenRejectedKey] = true;
            return false;
        }

        context.Items[typeof(Caller)] = caller;
        return true;
    }
}
