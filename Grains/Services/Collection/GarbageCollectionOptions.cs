namespace AeorDb.Grains.Services.Collection;

/// <summary>History retention and scheduling of garbage collection (<c>--history-keep-*</c>, <c>--gc-interval-ms</c>).</summary>
public sealed class GarbageCollectionOptions
{
    /// <summary>
    /// Past versions kept per path, and past roots kept per node, besides HEAD (default 16: as many as a path's history
    /// shows). 0 keeps HEAD and what <see cref="KeepAge"/> keeps.
    /// </summary>
    public int KeepVersions { get; set; } = 16;

    /// <summary>Versions and roots younger than this survive whatever their count (default 30 days; zero: none by age).</summary>
    public TimeSpan KeepAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Interval of the periodic collection; null (the default) collects only on request.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>
    /// How long an object put but not yet committed to the tree (an upload or pull in progress) is protected from
    /// collection. Longer than any upload or pull is expected to take between its first put and its commit.
    /// </summary>
    public TimeSpan InFlightProtection { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// On PostgreSQL, objects put (or put again) more recently than this are never swept: the silos of a scale-out node
    /// each know only their own writes in flight, so this protects the others' uploads and pulls between their puts and
    /// their commit. At least a minute (puts refresh an object's time at most once a minute). The embedded SQLite store
    /// has one writer and knows every write in flight, so it needs no minimum age.
    /// </summary>
    public TimeSpan SharedStoreMinAge { get; set; } = TimeSpan.FromHours(6);
}
