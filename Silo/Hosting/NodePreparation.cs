using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AeorDb.Silo.CommandLine;
using AeorDb.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace AeorDb.Silo.Hosting;

/// <summary>What start-up checks before a host exists; each failure is one line on stderr and exit 1.</summary>
internal static class NodePreparation
{
    /// <summary>What the host needs from preparation.</summary>
    /// <param name="Certificate">The TLS certificate, when TLS is on.</param>
    /// <param name="PeerAuthorities">The CA certificates of <c>--peer-ca-file</c>, when given.</param>
    public sealed record Prepared(X509Certificate2? Certificate, X509Certificate2Collection? PeerAuthorities = null);

    /// <summary>Loads TLS and the peer CA file, creates the database's directory and file owner-only (<see cref="DatabaseFileMode"/>); null (after printing why) on failure.</summary>
    public static async Task<Prepared?> PrepareAsync(NodeOptions options)
    {
        X509Certificate2? certificate = null;
        if (options.TlsEnabled)
        {
            try
            {
                certificate = KestrelHostingExtensions.LoadCertificate(options.TlsCertPath!, options.TlsKeyPath!);
            }
            catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                return Fail($"cannot load TLS certificate {options.TlsCertPath} / {options.TlsKeyPath}: {exception.Message}");
            }
        }

        X509Certificate2Collection? authorities = null;
        if (options.PeerLink.PeerCaFile is { } caFile)
        {
            try
            {
                authorities = PeerTrustHostingExtensions.LoadAuthorities(caFile);
            }
            catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                return Fail($"cannot load --peer-ca-file {caFile}: {exception.Message}");
            }
        }

        try
        {
            if (!options.ScaleOut.Enabled)
            {
                DatabaseFileMode.Secure(options.DatabasePath);
            }

            Directory.CreateDirectory(options.HotDir);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail($"cannot open database {options.DatabasePath}: {exception.Message}");
        }

        return new Prepared(certificate, authorities);
    }

    private static Prepared? Fail(string message)
    {
        Console.Error.WriteLine("aeordb: " + message);
        return null;
    }
}
