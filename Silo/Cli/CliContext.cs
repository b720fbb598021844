using System.Text.Json;

namespace AeorDb.Silo.Cli;

/// <summary>What a client command runs with: the node, the parsed arguments, the output mode and stdout.</summary>
internal sealed class CliContext(NodeClient node, System.CommandLine.ParseResult parsed, bool json, TextWriter output)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public NodeClient Node => node;

    public System.CommandLine.ParseResult Parsed => parsed;

    /// <summary>True with <c>--json</c>: print the node's JSON instead of a table.</summary>
    public bool Json => json;

    public TextWriter Out => output;

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        node.SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        node.SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken cancellationToken) =>
        node.SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>Prints <paramref name="value"/> as indented JSON.</summary>
    public void WriteJson(object value) => output.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>A canonical path's segments percent-encoded, for a route capture (<c>/sync/conflicts{path}</c>).</summary>
    public static string EncodePath(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            throw CliException.Usage("the path must name a file, not /");
        }

        return "/" + string.Join('/', segments.Select(Uri.EscapeDataString));
    }
}
