using AeorDb.Api.Auth.Jwt;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Auth;

/// <summary>Adds authentication to the pipeline: every request gets its <see cref="Caller"/> (or none) before routing runs handlers.</summary>
internal static class AuthApplicationExtensions
{
    /// <summary>The <see cref="IApplicationBuilder.Properties"/> key <c>UseAuthentication</c> sets (not a public ASP.NET constant).</summary>
    public const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static IApplicationBuilder UseAeorDbAuth(this IApplicationBuilder app)
    {
        var mode = app.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value.AuthMode;
        if (mode == AuthMode.Disabled)
        {
            // --auth disabled: every request runs as root, every /sync caller as a peer; tokens are ignored.
            return app.Use((context, next) =>
            {
                context.Items[typeof(Caller)] = Caller.Disabled;
                return next(context);
            });
        }

        // A token validated before takes the short path; the standard middleware (JwtBearer) it holds handles the rest.
        // The mark UseAuthentication would set tells WebApplication not to add a second authentication middleware.
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app.UseMiddleware<CachedBearerAuthentication>();
    }
}
