using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AeorDb.Tests.TestSupport;

/// <summary>A throwaway CA and a server certificate for 127.0.0.1/localhost signed by it, made per test.</summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, string caPath, string certificatePath, string keyPath)
    {
        Authority = authority;
        CaPath = caPath;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
    }

    /// <summary>The CA (public part).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>PEM of the CA certificate.</summary>
    public string CaPath { get; }

    /// <summary>PEM of the server certificate (for <c>--tls-cert</c>).</summary>
    public string CertificatePath { get; }

    /// <summary>PEM of the server key (for <c>--tls-key</c>).</summary>
    public string KeyPath { get; }

    /// <summary>Makes a CA and a server certificate for 127.0.0.1 and localhost, written as PEM files into <paramref name="directory"/>.</summary>
    public static TestCertificates Create(string directory)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=AeorDb test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, now.AddHours(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(8));

        var caPath = Path.Combine(directory, "ca.pem");
        var certificatePath = Path.Combine(directory, "server.pem");
        var keyPath = Path.Combine(directory, "server.key");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        File.WriteAllText(certificatePath, server.ExportCertificatePem());
        File.WriteAllText(keyPath, serverKey.ExportPkcs8PrivateKeyPem());
        return new TestCertificates(X509CertificateLoader.LoadCertificate(ca.RawData), caPath, certificatePath, keyPath);
    }

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="authority"/> alone.</summary>
    public static bool ChainsTo(X509Certificate? certificate, X509Certificate2 authority)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    public void Dispose() => Authority.Dispose();
}
