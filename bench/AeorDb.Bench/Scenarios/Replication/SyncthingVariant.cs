using AeorDb.Bench.Cli;

namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>
/// One Syncthing configuration the aeordb pair is compared with, and the ratio aimed for against it:
/// <c>rescan</c> (watcher off, a REST rescan right after writing: the prompt start), <c>default</c> (the file watcher at
/// Syncthing's default 10 s delay, as a user runs it) and <c>watch1s</c> (the watcher at a 1 s delay).
/// </summary>
internal sealed record SyncthingVariant(string Key, string Name, int? WatcherDelayS, double TargetRatio)
{
    public static readonly SyncthingVariant Rescan = new("rescan", "syncthing", null, 0.5);

    public static readonly SyncthingVariant Default = new("default", "st-default", 10, 0.5);

    public static readonly SyncthingVariant Watch1s = new("watch1s", "st-watch1s", 1, 1.0);

    public static readonly IReadOnlyList<SyncthingVariant> All = [Rescan, Default, Watch1s];

    /// <summary>Reads a comma-separated list of keys.</summary>
    public static IReadOnlyList<SyncthingVariant> ParseList(string text)
    {
        var variants = new List<SyncthingVariant>();
        foreach (var key in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            variants.Add(All.FirstOrDefault(v => v.Key == key) ?? throw new UsageException($"--baselines: unknown '{key}' (rescan, default, watch1s)"));
        }

        return variants.Count > 0 ? variants.DistinctBy(v => v.Key).ToList() : throw new UsageException("--baselines: name at least one");
    }
}
