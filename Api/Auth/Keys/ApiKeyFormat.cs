using System.Security.Cryptography;

namespace AeorDb.Api.Auth.Keys;

/// <summary>
/// The plaintext credential formats of CONTRACT §3.1: API keys <c>aeor_k_&lt;16 hex&gt;_&lt;64 hex&gt;</c> (88 characters;
/// the 16 hex are the key id UUID unhyphenated and truncated, the 64 hex 32 random bytes) and refresh tokens
/// <c>aeor_r_&lt;64 hex&gt;</c>.
/// </summary>
internal static class ApiKeyFormat
{
    public const string KeyPrefix = "aeor_k_";
    public const string RefreshPrefix = "aeor_r_";
    public const int PrefixHexLength = 16;
    public const int SecretHexLength = 64;
    public const int KeyLength = 7 + PrefixHexLength + 1 + SecretHexLength;
    public const int RefreshLength = 7 + SecretHexLength;

    /// <summary>The 16-hex lookup prefix of a key id.</summary>
    public static string PrefixOf(Guid keyId) => keyId.ToString("N")[..PrefixHexLength];

    /// <summary>A new plaintext key for <paramref name="keyId"/>.</summary>
    public static string NewKey(Guid keyId) => KeyPrefix + PrefixOf(keyId) + "_" + RandomHex();

    /// <summary>A new plaintext refresh token.</summary>
    public static string NewRefreshToken() => RefreshPrefix + RandomHex();

    /// <summary>Splits a plaintext key; false for anything not exactly of the key format.</summary>
    public static bool TryParseKey(string? key, out string prefix)
    {
        prefix = string.Empty;
        if (key is null || key.Length != KeyLength || !key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key[7 + PrefixHexLength] != '_')
        {
            return false;
        }

        var candidate = key.AsSpan(7, PrefixHexLength);
        if (!IsLowerHex(candidate) || !IsLowerHex(key.AsSpan(7 + PrefixHexLength + 1)))
        {
            return false;
        }

        prefix = candidate.ToString();
        return true;
    }

    /// <summary>True when <paramref name="token"/> has the refresh-token format.</summary>
    public static bool IsRefreshToken(string? token) =>
        token is not null && token.Length == RefreshLength && token.StartsWith(RefreshPrefix, StringComparison.Ordinal) && IsLowerHex(token.AsSpan(7));

    /// <summary>The stored id of a refresh token: lowercase SHA-256 hex of its plaintext.</summary>
    public static string RefreshTokenId(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>True for a 16-hex key-id prefix (lowercase).</summary>
    public static bool IsPrefix(string name) => name.Length == PrefixHexLength && IsLowerHex(name);

    private static string RandomHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretHexLength / 2));

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
