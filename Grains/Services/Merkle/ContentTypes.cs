using System.Collections.Concurrent;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// Interns content types for the in-memory tree: a catalog of a million files names a handful of types, and each row
/// read or PUT would otherwise bring its own copy of the string. Bounded: past <see cref="Capacity"/> distinct types
/// a new one is kept as given (still correct, only not shared).
/// </summary>
internal static class ContentTypes
{
    /// <summary>The most distinct content types kept.</summary>
    public const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, string> _types = new(StringComparer.Ordinal);

    /// <summary>The shared instance equal to <paramref name="contentType"/>.</summary>
    public static string? Intern(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        if (_types.TryGetValue(contentType, out var shared))
        {
            return shared;
        }

        return _types.Count < Capacity ? _types.GetOrAdd(contentType, contentType) : contentType;
    }
}
