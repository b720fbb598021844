using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merge;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Conflicts;

/// <summary>
/// The conflict registry: reads records from HEAD on every call (so it never drifts from what replicated in) and
/// resolves them through the tree grain. Not reentrant: one resolution at a time. Only records that pass
/// <see cref="ConflictStore.IsValid"/> are listed or acted on (others are logged and ignored), a resolution acts
/// only when the path held the record's winner and the kept loser is the record's loser, and a resolution
/// writes nothing but the contested path, which is always a user path (<see cref="ConflictPaths.IsRecordable"/>),
/// besides removing the record and the kept loser.
/// </summary>
internal sealed partial class ConflictGrain(IObjectStore store, IHybridClock clock, ILogger<ConflictGrain> logger) : Grain, IConflictGrain
{
    private readonly ConflictStore _records = new(store);

    private ITreeGrain Tree => GrainFactory.GetGrain<ITreeGrain>(0);

    public async Task<IReadOnlyList<ConflictRecord>> ListAsync()
    {
        var listing = await Tree.ListAsync(ConflictPaths.Root, -1, null);
        var records = new List<ConflictRecord>();
        foreach (var entry in listing.Items)
        {
            if (entry.Kind != EntryKind.File || ConflictPaths.PathOfMeta(entry.Path) is not { } path)
            {
                continue;
            }

            if (await _records.ReadAsync(entry, CancellationToken.None) is { } record)
            {
                records.Add(record with { Path = path });
            }
            else
            {
                LogInvalidRecord(logger, entry.Path);
            }
        }

        records.Sort(static (x, y) => string.CompareOrdinal(x.Path, y.Path));
        return records;
    }

    public async Task<ConflictRecord?> GetAsync(string path)
    {
        if (!ConflictPaths.IsRecordable(path))
        {
            return null;
        }

        var meta = await Tree.GetAsync(ConflictPaths.Meta(path));
        return meta is { Kind: EntryKind.File } && await _records.ReadAsync(meta, CancellationToken.None) is { } record
            ? record with { Path = path }
            : null;
    }

    public async Task<bool> ResolveAsync(string path, bool pickLoser)
    {
        var record = await GetAsync(path);
        if (record is null)
        {
            return false;
        }

        var current = await Tree.GetAsync(path);
        if (!await WinnerWasAtPathAsync(record, path, current))
        {
            // The merge applies every winner at its path, so a winner the path never held is a forged record.
            LogInvalidRecord(logger, ConflictPaths.Meta(path));
            return false;
        }

        var picked = pickLoser ? await Tree.GetAsync(ConflictPaths.Loser(path)) : await WinnerAsync(record, path, current);
        if (pickLoser && !LoserMatches(record, picked))
        {
            // The kept loser is not the version the record names: act on neither.
            LogInvalidRecord(logger, ConflictPaths.Meta(path));
            return false;
        }

        var changes = new List<TreeChange>(3);
        if (picked is null)
        {
            // The picked side is a deletion (or its version is gone): the path ends absent.
            if (current is { Kind: not EntryKind.Directory })
            {
                changes.Add(new TreeChange(path, null));
            }
        }
        else if (current is null || current.Hash != picked.Hash || pickLoser)
        {
            var stamp = clock.Next();
            var createdAt = current?.Kind == picked.Kind ? current.CreatedAt : stamp.VirtualTime;
            changes.Add(new TreeChange(path, picked with { Path = path, CreatedAt = createdAt, UpdatedAt = stamp.VirtualTime, Stamp = stamp }));
        }

        await RemoveRecordAsync(path, changes);
        LogResolved(logger, path, pickLoser ? "loser" : "winner");
        return true;
    }

    public async Task<bool> DismissAsync(string path)
    {
        if (await Tree.GetAsync(ConflictPaths.Meta(path)) is not { Kind: EntryKind.File })
        {
            return false;
        }

        await RemoveRecordAsync(path, []);
        LogDismissed(logger, path);
        return true;
    }

    /// <summary>True when the path holds the record's winner or held it among its retained versions.</summary>
    private async Task<bool> WinnerWasAtPathAsync(ConflictRecord record, string path, FileEntry? current)
    {
        if (current is not null && string.Equals(current.Hash, record.Winner.Hash, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var history = await GrainFactory.GetGrain<IFileGrain>(path).GetHistoryAsync();
        return history.Any(e => e.Kind != EntryKind.Deletion && string.Equals(e.Hash, record.Winner.Hash, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when the kept loser entry is the record's loser: that version, or nothing for a deletion loser.</summary>
    private static bool LoserMatches(ConflictRecord record, FileEntry? kept) =>
        record.Loser.Hash.Length == 0
            ? kept is null
            : kept is { Kind: EntryKind.File or EntryKind.Symlink } && string.Equals(kept.Hash, record.Loser.Hash, StringComparison.OrdinalIgnoreCase);

    /// <summary>The auto-winner as an entry: the path itself while it still holds that version, else rebuilt from the store.</summary>
    private async Task<FileEntry?> WinnerAsync(ConflictRecord record, string path, FileEntry? current)
    {
        if (current is not null && current.Hash == record.Winner.Hash)
        {
            return current;
        }

        if (await store.GetFileVersionAsync(record.Winner.Hash) is { } version)
        {
            var stamp = clock.Next();
            return new FileEntry(path, EntryKind.File, version.Hash, version.Size, version.ContentType, null, stamp.VirtualTime, stamp.VirtualTime, stamp);
        }

        if (record.Winner.Hash.Length == 64 && await SymlinkTargetAsync(Convert.FromHexString(record.Winner.Hash)) is { } target)
        {
            var stamp = clock.Next();
            return new FileEntry(path, EntryKind.Symlink, record.Winner.Hash, 0, null, target, stamp.VirtualTime, stamp.VirtualTime, stamp);
        }

        return null;
    }

    /// <summary>The target stored in a symlink record; null when the id names no symlink record.</summary>
    private async Task<string?> SymlinkTargetAsync(byte[] id)
    {
        if (await store.GetInfoAsync(id) is not { Kind: ObjectKind.Symlink } info)
        {
            return null;
        }

        var buffer = new byte[info.Length];
        var length = await store.ReadAsync(id, buffer);
        return length < 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>Commits <paramref name="changes"/> plus the removal of the record and the kept loser, all at once.</summary>
    private async Task RemoveRecordAsync(string path, List<TreeChange> changes)
    {
        changes.Add(new TreeChange(ConflictPaths.Meta(path), null));
        if (await Tree.GetAsync(ConflictPaths.Loser(path)) is { Kind: not EntryKind.Directory })
        {
            changes.Add(new TreeChange(ConflictPaths.Loser(path), null));
        }

        var commit = await Tree.CommitAsync(changes);
        if (commit.Status != CommitStatus.Ok)
        {
            throw new InvalidOperationException($"Resolving the conflict at {path} failed: {commit.Status} at {commit.FailedPath}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conflict at {Path} resolved with the {Pick}")]
    private static partial void LogResolved(ILogger logger, string path, string pick);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conflict at {Path} dismissed")]
    private static partial void LogDismissed(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring the conflict record at {MetaPath}: malformed or inconsistent with its location and kept loser")]
    private static partial void LogInvalidRecord(ILogger logger, string metaPath);
}
