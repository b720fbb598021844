using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>
/// The authentication of a request whose <c>Authorization: Bearer</c> token <see cref="CachingJsonWebTokenHandler"/>
/// has already validated (signature, issuer, lifetime, required claims) and whose <c>exp</c> has not passed. Such a
/// request skips the JwtBearer handler, whose per-request set-up (handler activation, parameter cloning, events,
/// token storage) cost about 6 % of a small GET's CPU, and goes straight to what that handler would do next: the
/// caller is resolved by <see cref="CallerResolver"/> on every request, so revoked or expired keys, deactivated or
/// deleted users and peer-token audiences are checked exactly as on the full path, with the same caches.
/// Everything else (no header, a <c>?token=</c> query token, a token not cached, several Authorization values) goes
/// through the standard <see cref="AuthenticationMiddleware"/>, which this middleware holds and which is therefore
/// not registered in the pipeline itself.
/// </summary>
internal sealed class CachedBearerAuthentication(RequestDelegate next, IAuthenticationSchemeProvider schemes, CachingJsonWebTokenHandler tokens, CallerResolver callers)
{
    private const string Scheme = "Bearer ";

    private static readonly object HandledKey = new();

    private readonly AuthenticationMiddleware _standard = new(next, schemes);

    /// <summary>True when the short path authenticated (or refused) the request, so the standard middleware did not run.</summary>
    public static bool Handled(HttpContext context) => context.Items.ContainsKey(HandledKey);

    public Task InvokeAsync(HttpContext context) =>
        ReadBearer(context.Request) is { } token && tokens.TryGetValidated(token, out var identity)
            ? AuthenticateAsync(context, new ClaimsPrincipal(identity))
            : _standard.Invoke(context);

    /// <summary>The token of a single <c>Authorization: Bearer</c> header, read as the JwtBearer handler reads it; else null.</summary>
    internal static string? ReadBearer(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        if (values.Count != 1 || values[0] is not { } header || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header.AsSpan(Scheme.Length).Trim();
        return token.IsEmpty ? null : token.ToString();
    }

    private async Task AuthenticateAsync(HttpContext context, ClaimsPrincipal principal)
    {
        var caller = await callers.ResolveAsync(principal, context.RequestAborted).ConfigureAwait(false);
        if (JwtBearerSetup.Attach(context, caller))
        {
            context.User = principal;
        }

        context.Items[HandledKey] = true;
        await next(context).ConfigureAwait(false);
    }
}
