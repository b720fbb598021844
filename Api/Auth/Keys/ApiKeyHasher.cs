using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace AeorDb.Api.Auth.Keys;

/// <summary>
/// Argon2id hashing of API keys. Defaults follow the OWASP password-storage recommendation
/// (m = 19 MiB, t = 2, p = 1): each hash or verification costs about 19 MiB and tens of milliseconds of one
/// core, paid only by <c>POST /auth/token</c> and key creation, and capped by the token rate limit.
/// The parameters are stored with each record, so they can change without breaking old keys.
/// </summary>
internal sealed class ApiKeyHasher(int memoryKiB = ApiKeyHasher.DefaultMemoryKiB, int iterations = ApiKeyHasher.DefaultIterations, int parallelism = ApiKeyHasher.DefaultParallelism)
{
    public const int DefaultMemoryKiB = 19 * 1024;
    public const int DefaultIterations = 2;
    public const int DefaultParallelism = 1;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>The hash (hex), salt (hex) and parameter string to store for <paramref name="key"/>.</summary>
    public (string Hash, string Salt, string Parameters) Hash(string key)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(key, salt, memoryKiB, iterations, parallelism);
        return (Convert.ToHexStringLower(hash), Convert.ToHexStringLower(salt), FormatParameters(memoryKiB, iterations, parallelism));
    }

    /// <summary>True when <paramref name="key"/> hashes to <paramref name="hashHex"/> under the stored salt and parameters; false for unreadable records.</summary>
    public static bool Verify(string key, string hashHex, string saltHex, string? parameters)
    {
        if (!TryParseParameters(parameters, out var memory, out var passes, out var lanes))
        {
            return false;
        }

        byte[] expected;
        byte[] salt;
        try
        {
            expected = Convert.FromHexString(hashHex);
            salt = Convert.FromHexString(saltHex);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Compute(key, salt, memory, passes, lanes);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Compute(string key, byte[] salt, int memory, int passes, int lanes)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(key))
        {
            Salt = salt,
            MemorySize = memory,
            Iterations = passes,
            DegreeOfParallelism = lanes,
        };
        return argon.GetBytes(HashBytes);
    }

    private static string FormatParameters(int memory, int passes, int lanes) =>
        string.Create(CultureInfo.InvariantCulture, $"argon2id$m={memory},t={passes},p={lanes}");

    private static bool TryParseParameters(string? text, out int memory, out int passes, out int lanes)
    {
        memory = DefaultMemoryKiB;
        passes = DefaultIterations;
        lanes = DefaultParallelism;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!text.StartsWith("argon2id$", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in text["argon2id$".Length..].Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                return false;
            }

            switch (pair[0])
            {
                case "m": memory = value; break;
                case "t": passes = value; break;
                case "p": lanes = value; break;
                default: return false;
            }
        }

        // Refuse parameters that would let a planted record exhaust memory or CPU.
        return memory is >= 8 and <= 1024 * 1024 && passes <= 64 && lanes <= 64;
    }
}
