using System.Text;
using System.Text.Json;

namespace AeorDb.Tests.TestSupport;

/// <summary>Reads a compact JWS the way a client library would, without verifying it.</summary>
public static class Jwt
{
    /// <summary>The decoded header.</summary>
    public static JsonElement Header(string token) => Part(token, 0);

    /// <summary>The decoded claims.</summary>
    public static JsonElement Payload(string token) => Part(token, 1);

    /// <summary>Base64url without padding, as JWS uses it.</summary>
    public static byte[] DecodeSegment(string segment)
    {
        var text = segment.Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        return Convert.FromBase64String(text);
    }

    /// <summary>Base64url without padding.</summary>
    public static string EncodeSegment(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonElement Part(string token, int index)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException($"Not a compact JWS: {parts.Length} parts.");
        }

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(DecodeSegment(parts[index])));
        return document.RootElement.Clone();
    }
}
