using System.Reflection;

namespace AeorDb.Silo.Hosting;

/// <summary>The product version (<c>Version</c> in Directory.Build.props), without the build's commit suffix.</summary>
internal static class ProductVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var informational = typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+', 2)[0] ?? typeof(ProductVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
