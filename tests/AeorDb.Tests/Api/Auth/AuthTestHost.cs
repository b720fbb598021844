using System.Buffers.Text;
using System.Text;
using AeorDb.Api;
using AeorDb.Api.Auth;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Auth.Keys;
using AeorDb.Api.Storage;
using AeorDb.Grains.Interfaces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;

namespace AeorDb.Tests.Api.Auth;

/// <summary>The auth services wired as in the API, over an in-memory file store, a stub path-rules service and a manual clock.</summary>
internal sealed class AuthTestHost : IDisposable
{
    public AuthTestHost(AuthMode mode = AuthMode.Self)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IFileContent>(Files);
        services.AddSingleton<IPathRules>(new StubPathRules());
        var clock = new AeorDb.Grains.Services.Clock.HybridClock(Time);
        clock.SetNodeId(NodeId);
        services.AddSingleton<IHybridClock>(clock);
        services.AddOptions<ApiOptions>().Configure(options => options.AuthMode = mode);
        services.AddAuthServices();
        // Cheap argon2id parameters: the tests check behaviour, not cost.
        services.AddSingleton(_ => new ApiKeyHasher(memoryKiB: 64, iterations: 1, parallelism: 1));
        Services = services.BuildServiceProvider();
    }

    /// <summary>This node's id: peer tokens must name it as <c>aud</c>.</summary>
    public const ulong NodeId = 4242;

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public InMemoryFileContent Files { get; } = new();

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs the start-up step (signing key, root key).</summary>
    public Task<string?> BootstrapAsync() => Get<AuthBootstrapper>().InitializeAsync();

    /// <summary>Authenticates a request through the real JwtBearer handler; returns the context for inspection.</summary>
    public async Task<(AuthenticateResult Result, HttpContext Context)> AuthenticateAsync(string? bearer, string path = "/files/x", string? queryToken = null)
    {
        // A scope per request, as ASP.NET makes one: authentication handlers remember their result per instance.
        var scope = Services.CreateAsyncScope();
        await using var _ = scope;
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = path;
        if (bearer is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + bearer;
        }

        if (queryToken is not null)
        {
            context.Request.QueryString = new QueryString("?token=" + Uri.EscapeDataString(queryToken));
        }

        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        return (result, context);
    }

    /// <summary>
    /// Sends a request through the API's authentication pipeline (<c>UseAeorDbAuth</c>: the cached-token short path,
    /// else the JwtBearer middleware) and returns its context once the terminal handler ran.
    /// </summary>
    public async Task<HttpContext> SendAsync(string? authorization, string path = "/files/x")
    {
        var app = new ApplicationBuilder(Services);
        app.UseAeorDbAuth();
        app.Run(static _ => Task.CompletedTask);
        var pipeline = app.Build();
        var scope = Services.CreateAsyncScope();
        await using var _ = scope;
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = path;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        await pipeline(context);
        return context;
    }

    /// <summary>Signs an arbitrary payload with the node key (for tokens the issuer would never mint).</summary>
    public string Sign(string payloadJson, string headerJson = "{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}")
    {
        var input = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var signature = SignatureAlgorithm.Ed25519.Sign(Get<SigningKeyStore>().Current.PrivateKey, Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.EncodeToString(signature);
    }

    public long NowSeconds => Time.GetUtcNow().ToUnixTimeSeconds();

    public void Dispose() => Services.Dispose();
}
