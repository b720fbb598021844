using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Files;

/// <summary>Persisted state of a <see cref="FileGrain"/>: recent versions of its path and the last removal.</summary>
[GenerateSerializer, Alias("aeordb.FileGrainState")]
internal sealed class FileGrainState
{
    /// <summary>Recent entries written at this path, newest first, at most <see cref="FileGrain.HistoryLength"/>.</summary>
    [Id(0)]
    public List<FileEntry> History { get; set; } = [];

    /// <summary>Stamp of the last delete or rename away from this path; null while the path has content.</summary>
    [Id(1)]
    public VersionStamp? DeletedStamp { get; set; }
}
