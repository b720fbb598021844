namespace AeorDb.Grains.Services.Collection;

/// <summary>
/// Which past roots and versions a collection keeps (backend-neutral). HEAD is always kept. A past root or a path's
/// past version is kept while it is among the newest <see cref="GarbageCollectionOptions.KeepVersions"/> or younger than
/// <see cref="GarbageCollectionOptions.KeepAge"/>. History rows past the newest <see cref="HistoryRowLimit"/> of a path
/// are deleted (nothing reads them); younger rows stay as the merge's record of what each path has been, even when
/// their content is no longer kept.
/// </summary>
internal sealed class RetentionRules(GarbageCollectionOptions options, long nowMs)
{
    /// <summary>History rows kept per path (the most a path's history shows).</summary>
    public const int HistoryRowLimit = 16;

    private readonly long _cutoffMs = options.KeepAge <= TimeSpan.Zero ? long.MaxValue : nowMs - (long)options.KeepAge.TotalMilliseconds;

    /// <summary>
    /// Whether the root at <paramref name="rank"/> (0 = HEAD, newest first) committed at <paramref name="committedAtMs"/>
    /// is kept.
    /// </summary>
    public bool KeepsRoot(int rank, long committedAtMs) => rank == 0 || rank <= options.KeepVersions || committedAtMs >= _cutoffMs;

    /// <summary>Whether the content of a path's version at <paramref name="rank"/> (0 = newest) written at <paramref name="updatedAtMs"/> is kept.</summary>
    public bool KeepsVersion(int rank, long updatedAtMs) => rank <= options.KeepVersions || updatedAtMs >= _cutoffMs;

    /// <summary>Whether a path's history row at <paramref name="rank"/> (0 = newest) is kept at all.</summary>
    public static bool KeepsHistoryRow(int rank) => rank < HistoryRowLimit;
}
