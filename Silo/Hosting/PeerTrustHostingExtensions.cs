using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Silo.Hosting;

/// <summary>
/// Trust for <c>https://</c> peers (<c>--peer-ca-file</c>). Every outgoing HTTP client of the node talks to peers
/// (pulls, event streams, joins), so all of them accept a certificate the system trusts, or one that chains to a CA
/// of the file. The host name must match either way: only the chain check is widened.
/// </summary>
internal static class PeerTrustHostingExtensions
{
    /// <summary>Reads the CA certificates of <paramref name="path"/>; throws when the file holds none or cannot be read.</summary>
    public static X509Certificate2Collection LoadAuthorities(string path)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(path);
        return authorities.Count > 0 ? authorities : throw new CryptographicException("the file holds no PEM certificate");
    }

    public static IServiceCollection AddPeerTrust(this IServiceCollection services, X509Certificate2Collection? authorities)
    {
        if (authorities is null)
        {
            return services;
        }

        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => IsTrusted(authorities, certificate, chain, errors),
            },
        }));
        return services;
    }

    /// <summary>True when the system trusts the certificate, or its only fault is a chain that ends at one of <paramref name="authorities"/>.</summary>
    internal static bool IsTrusted(X509Certificate2Collection authorities, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            // Intermediates the peer sent with its certificate.
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
