using Microsoft.AspNetCore.Builder;

namespace AeorDb.Api.Auth;

/// <summary>Adds authentication to the pipeline.</summary>
internal static class AuthApplicationExtensions
{
    public static IApplicationBuilder UseAeorDbAuth(this IApplicationBuilder app) => app;
}
