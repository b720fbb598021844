using AeorDb.Tests.TestSupport;

namespace AeorDb.Tests.Http.Storage;

/// <summary>What a user sees of a node's segment files (<c>&lt;db&gt;.segments/*.seg</c>) from the outside.</summary>
internal static class Segments
{
    public const int ChunkSize = 262_144;

    /// <summary>The store's default: chunks at least this long are kept in segment files.</summary>
    public const int Threshold = 65_536;

    public static string Directory(AeorDbNode node) => node.DatabasePath + ".segments";

    public static FileInfo[] Files(AeorDbNode node) =>
        System.IO.Directory.Exists(Directory(node))
            ? [.. new DirectoryInfo(Directory(node)).GetFiles("*.seg").OrderBy(static f => f.Name, StringComparer.Ordinal)]
            : [];

    public static long Bytes(AeorDbNode node) => Files(node).Sum(static f => f.Length);

    /// <summary>Bytes a file of <paramref name="size"/> keeps in segment files (its chunks at least the threshold long).</summary>
    public static long BytesOf(long size)
    {
        var rest = size % ChunkSize;
        return (size - rest) + (rest >= Threshold ? rest : 0);
    }

    /// <summary>Pseudo-random bytes; distinct seeds give distinct bytes (PatternStream sets the low bit, so the seed is spread first).</summary>
    public static byte[] Pattern(int length, ulong seed)
    {
        var bytes = new byte[length];
        using var stream = new PatternStream(length, (seed * 2) + 1);
        stream.ReadExactly(bytes);
        return bytes;
    }
}
