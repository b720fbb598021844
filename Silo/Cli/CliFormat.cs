using System.Globalization;
using System.Text.Json;

namespace AeorDb.Silo.Cli;

/// <summary>How the client commands print values for humans.</summary>
internal static class CliFormat
{
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static string Duration(long milliseconds)
    {
        var span = TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
        return span.TotalMinutes < 1 ? $"{span.Seconds}s"
            : span.TotalHours < 1 ? $"{span.Minutes}m {span.Seconds}s"
            : span.TotalDays < 2 ? $"{(int)span.TotalHours}h {span.Minutes}m"
            : $"{(int)span.TotalDays}d {span.Hours}h";
    }

    /// <summary>Unix ms as UTC <c>yyyy-MM-dd HH:mm:ss</c>; "-" for null or 0.</summary>
    public static string Time(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.GetInt64() > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds(value.GetInt64()).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "-";

    /// <summary>A property as text: strings bare, numbers as written, null or absent as "-".</summary>
    public static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? Text(value) : "-";

    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        _ => value.GetRawText(),
    };
}
