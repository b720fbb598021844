using AeorDb.Api;
using AeorDb.Silo.CommandLine;

namespace AeorDb.Silo.Hosting;

/// <summary>The start-up block on stdout (CONTRACT §2); tests parse it, so its lines are exact.</summary>
internal static class StartupBanner
{
    private const string Rule = "==========================================================";

    /// <param name="joined">True after a <c>--join</c> completed: prints the join line.</param>
    /// <param name="peersRegistered">How many <c>--peers</c> were registered; null when the flag was not given.</param>
    public static void Write(TextWriter output, NodeOptions options, string version, int port, string? rootKey, bool joined = false, int? peersRegistered = null)
    {
        output.WriteLine($"AeorDB v{version}");
        output.WriteLine($"Database: {options.DatabasePath}");
        output.WriteLine($"Host: {options.Host}");
        output.WriteLine($"Port: {port}");
        output.WriteLine($"Auth: {Describe(options)}");
        output.WriteLine($"Hot dir: {options.HotDir}");
        output.WriteLine($"CORS: {DescribeCors(options.CorsOrigins)}");
        if (options.TlsEnabled)
        {
            output.WriteLine("TLS: enabled");
        }

        output.WriteLine();
        output.WriteLine($"Listening on {(options.TlsEnabled ? "https" : "http")}://{options.Host}:{port}");
        if (joined)
        {
            output.WriteLine("Cluster join complete. Adopting shared signing key.");
        }

        if (peersRegistered is { } registered)
        {
            output.WriteLine($"Registered {registered} peer(s) from --peers");
        }

        if (rootKey is not null)
        {
            output.WriteLine(Rule);
            output.WriteLine("  ROOT API KEY (shown once, save it now!):");
            output.WriteLine($"  {rootKey}");
            output.WriteLine(Rule);
        }

        output.Flush();
    }

    private static string Describe(NodeOptions options) => options.AuthMode switch
    {
        AuthMode.Disabled => "disabled (dev mode)",
        AuthMode.File => $"file://{options.IdentityFile}",
        _ => "self-contained",
    };

    private static string DescribeCors(IReadOnlyList<string> origins) => origins switch
    {
        [] => "disabled",
        _ when origins.Contains("*") => "allow all origins",
        _ => string.Join(", ", origins),
    };
}
