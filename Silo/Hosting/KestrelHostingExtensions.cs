using System.Security.Cryptography.X509Certificates;
using AeorDb.Silo.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Silo.Hosting;

/// <summary>Kestrel on <c>--host</c>:<c>--port</c>, HTTPS when TLS files were given.</summary>
internal static class KestrelHostingExtensions
{
    /// <summary>Loads the PEM pair of <c>--tls-cert</c>/<c>--tls-key</c>; throws when either cannot be read or they do not match.</summary>
    public static X509Certificate2 LoadCertificate(string certificatePath, string keyPath) =>
        X509Certificate2.CreateFromPemFile(certificatePath, keyPath);

    public static WebApplicationBuilder ConfigureAeorDbKestrel(this WebApplicationBuilder builder, NodeOptions options, X509Certificate2? certificate)
    {
        // Registered after Kestrel's default, so the transports take it: 64 KiB socket reads instead of 4 KiB.
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, TransportMemoryPoolFactory>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // The API enforces its own body limit per route (1 MiB JSON, 10 GiB uploads); a server-wide cap would cut uploads short.
            kestrel.Limits.MaxRequestBodySize = null;

            // Large downloads may stall while chunks are read; the response data-rate guard would abort them. The request
            // body rate and header limits are resource limits (LimitsHostingExtensions).
            kestrel.Limits.MinResponseDataRate = null;

            kestrel.Listen(options.HostAddress, options.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        return builder;
    }
}
