namespace AeorDb.Grains.Peers;

/// <summary>Change events of a peer not yet covered by a completed pull: the entries they named and when the first came (local ms).</summary>
internal readonly record struct AnnouncedChanges(long Entries, long? Since)
{
    /// <summary>Nothing announced.</summary>
    public static AnnouncedChanges None => default;

    /// <summary>Both sets together: entries add up, the earliest start wins.</summary>
    public AnnouncedChanges With(AnnouncedChanges other) =>
        new(Entries + other.Entries, Since is null ? other.Since : other.Since is null ? Since : Math.Min(Since.Value, other.Since.Value));
}
