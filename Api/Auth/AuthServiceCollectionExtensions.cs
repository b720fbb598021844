using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.Auth;

/// <summary>Registers authentication, API keys and the access policy.</summary>
internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddAuthServices(this IServiceCollection services) => services;
}
