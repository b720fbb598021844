namespace AeorDb.Grains.Services.Paths;

/// <summary>
/// Limits on globs a client sends (listing <c>glob</c>, key rules, <c>sync_paths</c>, <c>/sync/diff</c> <c>paths</c>),
/// and the memory compiled globs may hold. A glob past a limit is refused (400) before it is compiled or cached.
/// </summary>
public sealed class GlobOptions
{
    /// <summary>Longest glob in UTF-8 bytes (CONTRACT §3.6: 1024).</summary>
    public int MaxBytes { get; set; } = 1024;

    /// <summary>Most alternatives one glob may expand to through braces (<c>{a,b}{c,d}</c> is four).</summary>
    public int MaxAlternatives { get; set; } = 256;

    /// <summary>
    /// Most characters all of a glob's alternatives may hold together once braces are expanded. Matching costs
    /// at most this many steps per path character, so it bounds the cost of a glob over a listing (and, at about
    /// 16 bytes a step, the memory of one compiled glob).
    /// </summary>
    public int MaxExpandedLength { get; set; } = 4096;

    /// <summary>Memory the compiled-glob cache may hold, estimated in bytes; the oldest globs are dropped past it.</summary>
    public long CacheBytes { get; set; } = 8L << 20;
}
