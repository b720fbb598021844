using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace AeorDb.Api.Console;

/// <summary>
/// The web console's files, embedded in this assembly (<c>Api/Console/wwwroot</c>, logical names
/// <c>console/&lt;file&gt;</c>) and read once at start-up, so serving them touches no disk and costs the data path nothing.
/// </summary>
internal sealed class ConsoleAssets
{
    private const string Prefix = "console/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, ConsoleAsset> _assets;

    public ConsoleAssets()
        : this(typeof(ConsoleAssets).Assembly)
    {
    }

    private ConsoleAssets(Assembly assembly)
    {
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var file = name[Prefix.Length..];
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            assets[file] = new ConsoleAsset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The asset named <paramref name="file"/> (e.g. <c>console.js</c>); null when there is none.</summary>
    public ConsoleAsset? Find(string file) => _assets.GetValueOrDefault(file);
}
