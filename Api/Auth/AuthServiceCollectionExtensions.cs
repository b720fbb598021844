using AeorDb.Api.Auth.Access;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Auth.Keys;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Auth;

/// <summary>Registers authentication, API keys and the access policy.</summary>
internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddAuthServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AeorDb.Grains.Interfaces.IPeerTokenSource, PeerTokenSource>();
        services.AddSingleton<AeorDb.Api.Sync.Identity.PeerIdentityClient>();
        services.AddHttpClient(AeorDb.Api.Sync.Identity.PeerIdentityClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<PeerTokenAudience>();
        services.AddSingleton<CachingJsonWebTokenHandler>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<RefreshTokenStore>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton(_ => new ApiKeyHasher());
        services.AddSingleton(provider => new TokenRateLimiter(
            provider.GetRequiredService<IOptions<ApiOptions>>().Value.TokenAttemptsPerMinute,
            TimeSpan.FromMinutes(1),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AuthTokenService>();
        services.AddSingleton<KeyManagementPolicy>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<PermissionGrants>();
        services.AddSingleton<IAccessPolicy, AccessPolicy>();
        services.AddSingleton<ObjectAccess>();
        services.AddSingleton<AuthBootstrapper>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        return services;
    }
}
