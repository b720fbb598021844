using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Sync;

/// <summary>The one access rule of the /sync administration routes (join, peers, status, trigger).</summary>
internal static class SyncAdmin
{
    /// <summary>The 403 for anyone but root (CONTRACT §5).</summary>
    public const string RootRequiredMessage = "root access required";

    /// <summary>Answers 403 unless the caller is root and not using a peer token (CONTRACT §3.1 gap note); everyone passes when auth is disabled.</summary>
    public static TBuilder RequireSyncAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static async (context, next) =>
            IsAdmin(context.HttpContext.GetCaller()) ? await next(context).ConfigureAwait(false) : ApiErrors.Forbidden(RootRequiredMessage));

    private static bool IsAdmin(Caller caller) => caller.AuthDisabled || (caller.IsRoot && caller.Scope != Auth.Jwt.TokenIssuer.SyncScope);
}
