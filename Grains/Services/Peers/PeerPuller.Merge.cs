using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merge;
using AeorDb.Grains.Services.Merkle;
using AeorDb.Grains.Services.Storage;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// Step 5 of CONTRACT §6.1: the three-way merge of §7.1 per path, applied as one compare-and-swap commit. Each
/// remote change carries its per-path base (the id the peer had at our last pull) and its stamp, so both nodes
/// of a conflict pick the same winner and write the same record.
/// </summary>
internal sealed partial class PeerPuller
{
    /// <summary>How often a merge is recomputed when local writes keep racing its commit.</summary>
    private const int MaxMergeAttempts = 5;

    private ConflictStore? _conflictStore;

    private ConflictStore Conflicts => _conflictStore ??= new ConflictStore(store);

    /// <summary>
    /// One path the peer changed: the id it had at our last pull (the per-path base), its state now (a version, its
    /// deletion record, or null for a deletion it sent no record of) and the states it had before (null: not sent).
    /// </summary>
    private sealed record RemoteChange(string Path, string? BaseHash, bool BaseKnown, MergeVersion? Version, IReadOnlyList<VersionRef>? History);

    /// <summary>The peer's changes per path; a kind change (a delete plus an add) keeps the deleted id as base.</summary>
    private List<RemoteChange> CollectRemote(
        List<PeerFileChange> files, Dictionary<string, FileVersion> versions, List<PeerSymlinkChange> symlinks, IEnumerable<PeerPathOnly> deleted)
    {
        var fallback = new Lazy<VersionStamp>(clock.Next);
        var deletions = new Dictionary<string, PeerPathOnly>(StringComparer.Ordinal);
        foreach (var delete in deleted)
        {
            deletions[delete.Path] = delete;
        }

        var byPath = new SortedDictionary<string, RemoteChange>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var stored = versions[file.Path];
            var version = new MergeVersion(EntryKind.File, stored.Hash, file.VirtualTime ?? fallback.Value.VirtualTime,
                file.NodeId ?? fallback.Value.NodeId, stored.Size, stored.ContentType, null);
            byPath[file.Path] = Remote(file.Path, file.PreviousHash, version, History(file.VirtualTime is not null, file.History), deletions);
        }

        foreach (var symlink in symlinks)
        {
            var version = new MergeVersion(EntryKind.Symlink, TreeBatch.SymlinkHash(symlink.Target!), symlink.VirtualTime ?? fallback.Value.VirtualTime,
                symlink.NodeId ?? fallback.Value.NodeId, 0, null, symlink.Target);
            byPath[symlink.Path] = Remote(symlink.Path, symlink.PreviousHash, version, History(symlink.VirtualTime is not null, symlink.History), deletions);
        }

        foreach (var (path, delete) in deletions)
        {
            // A deletion without its record comes from a peer that keeps none: without its previous id it applies as before.
            var baseHash = delete.PreviousHash?.ToLowerInvariant();
            var record = delete is { Hash: { } hash, VirtualTime: { } time, NodeId: { } node } && ObjectBytes.IsHash(hash)
                ? MergeVersion.Deletion(hash.ToLowerInvariant(), new VersionStamp(time, node))
                : null;
            byPath.TryAdd(path, new RemoteChange(path, baseHash, baseHash is not null || record is not null, record, record is null ? null : History(stamped: true, delete.History)));
        }

        return [.. byPath.Values];
    }

    private static RemoteChange Remote(string path, string? previousHash, MergeVersion version, IReadOnlyList<VersionRef>? history, Dictionary<string, PeerPathOnly> deletions)
    {
        var baseHash = previousHash?.ToLowerInvariant() ?? deletions.GetValueOrDefault(path)?.PreviousHash?.ToLowerInvariant();
        deletions.Remove(path);
        return new RemoteChange(path, baseHash, true, version, history);
    }

    /// <summary>The peer's earlier states; null when it sent none, or sent no stamp for the state itself (nothing to compare with).</summary>
    private static IReadOnlyList<VersionRef>? History(bool stamped, IReadOnlyList<PeerVersionRef>? history) =>
        !stamped || history is null
            ? null
            : [.. history.Where(static h => ObjectBytes.IsHash(h.Hash)).Select(static h => new VersionRef(h.Hash.ToLowerInvariant(), new VersionStamp(h.VirtualTime, h.NodeId), h.Deleted))];

    /// <summary>Merges and commits; returns the operations applied to real paths and the conflicts recorded.</summary>
    private async Task<(int Operations, int Conflicts)> MergeAndCommitAsync(ITreeGrain tree, PeerRecord peer, List<RemoteChange> remote, CancellationToken cancellationToken)
    {
        ObserveClock(remote);
        for (var attempt = 1; ; attempt++)
        {
            var (changes, operations, conflicts) = await PlanAsync(tree, remote, cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0)
            {
                return (0, 0);
            }

            var commit = await tree.CommitAsync(changes).ConfigureAwait(false);
            if (commit.Status == CommitStatus.Ok)
            {
                return (operations, conflicts);
            }

            if (commit.Status != CommitStatus.Stale || attempt == MaxMergeAttempts)
            {
                throw new PeerPullFailedException($"Applying changes from peer {peer.NodeId} failed: {commit.Status} at {commit.FailedPath}");
            }

            LogMergeRaced(logger, peer.NodeId, commit.FailedPath ?? "");
        }
    }

    /// <summary>
    /// The tree changes of one merge against HEAD as it is now: adds and modifications, conflict records, then deletes,
    /// at most one per path. The peer's own conflict record for a path can arrive in the same pull as a conflict this
    /// merge detects on that path: the record written here (stamped after everything pulled, so it is the LWW winner
    /// anyway) replaces the peer's, since two guarded changes of one path in one commit would make the second stale
    /// every time and fail the pull for good.
    /// </summary>
    private async Task<(List<TreeChange> Changes, int Operations, int Conflicts)> PlanAsync(ITreeGrain tree, List<RemoteChange> remote, CancellationToken cancellationToken)
    {
        // Histories first, HEAD after: a commit landing in between leaves HEAD newer than the history, never older.
        var histories = await treeStore.GetHistoriesAsync([.. remote.Select(static r => r.Path)], cancellationToken).ConfigureAwait(false);
        var planned = new Dictionary<string, TreeChange>(StringComparer.Ordinal);
        var conflicts = 0;
        foreach (var change in remote)
        {
            var local = await tree.GetAsync(change.Path).ConfigureAwait(false);
            if (local?.Kind == EntryKind.Directory)
            {
                LogDirectoryKept(logger, change.Path);
                continue;
            }

            var (localState, localHistory) = LocalState(local, histories.GetValueOrDefault(change.Path) ?? []);
            var liveLocal = localState is { IsDeleted: false } ? localState : null;
            var baseHash = change.BaseKnown ? change.BaseHash : local?.Hash;
            var outcome = ThreeWayMerge.Merge(change.Path, baseHash, localState, localHistory, change.Version, change.History);
            if (Apply(change.Path, local, localState, outcome.Result) is { } apply)
            {
                planned[apply.Path] = apply;
            }

            if (outcome.Conflict is { } conflict && RecordsConflicts(change.Path))
            {
                var loser = conflict.Loser.Hash.Length == 0 ? null : conflict.Loser.Hash == liveLocal?.Hash ? liveLocal : change.Version;
                var record = await RecordAsync(tree, conflict, loser, cancellationToken).ConfigureAwait(false);
                if (record.Count > 0)
                {
                    foreach (var recordChange in record)
                    {
                        planned[recordChange.Path] = recordChange;
                    }

                    conflicts++;
                }
            }
        }

        List<TreeChange> changes = [.. planned.Values.Where(static c => c.Entry is not null), .. planned.Values.Where(static c => c.Entry is null)];
        return (changes, changes.Count, conflicts);
    }

    /// <summary>
    /// Our state of a path and the states before it: HEAD's version, else our deletion record when the newest history
    /// entry is one, else nothing (never here, or only a put that HEAD no longer holds).
    /// </summary>
    private static (MergeVersion? State, IReadOnlyList<VersionRef> History) LocalState(FileEntry? head, IReadOnlyList<FileEntry> history)
    {
        if (head is not null)
        {
            var state = new MergeVersion(head.Kind, head.Hash, head.Stamp.VirtualTime, head.Stamp.NodeId, head.Size, head.ContentType, head.Target);
            // Absent from the history (read before HEAD moved on): all of it came before HEAD's version.
            return (state, PathHistory.Before(history, PathHistory.IndexOf(history, state.Ref)));
        }

        if (history.Count > 0 && history[0].Kind == EntryKind.Deletion)
        {
            return (MergeVersion.Deletion(history[0].Hash, history[0].Stamp), PathHistory.Before(history, 0));
        }

        return (null, PathHistory.Before(history, -1));
    }

    /// <summary>
    /// The change that takes the path from our state to <paramref name="result"/>, guarded by HEAD's id; null when none.
    /// A deletion record as the result deletes the path (or replaces our record) keeping the record as the peer made it.
    /// </summary>
    private static TreeChange? Apply(string path, FileEntry? local, MergeVersion? localState, MergeVersion? result)
    {
        var expected = local?.Hash ?? "";
        if (result is null)
        {
            return local is null ? null : new TreeChange(path, null, expected);
        }

        var stamp = new VersionStamp(result.VirtualTime, result.NodeId);
        if (result.IsDeleted)
        {
            if (local is null && (localState is null || localState.Ref == result.Ref))
            {
                return null;
            }

            var record = new FileEntry(path, EntryKind.Deletion, result.Hash, 0, null, null, local?.CreatedAt ?? result.VirtualTime, result.VirtualTime, stamp);
            return new TreeChange(path, null, expected, record);
        }

        if (local is not null && local.Hash == result.Hash && local.Stamp == stamp)
        {
            return null;
        }

        var createdAt = local?.Kind == result.Kind ? local.CreatedAt : result.VirtualTime;
        return new TreeChange(path, new FileEntry(path, result.Kind, result.Hash, result.Size, result.ContentType, result.Target, createdAt, result.VirtualTime, stamp), expected);
    }

    /// <summary>The record's changes, or none when the same record is already stored (the other node wrote it first).</summary>
    private async Task<IReadOnlyList<TreeChange>> RecordAsync(ITreeGrain tree, ConflictRecord conflict, MergeVersion? loser, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, FileEntry?>(StringComparer.Ordinal)
        {
            [ConflictPaths.Meta(conflict.Path)] = await tree.GetAsync(ConflictPaths.Meta(conflict.Path)).ConfigureAwait(false),
            [ConflictPaths.Loser(conflict.Path)] = await tree.GetAsync(ConflictPaths.Loser(conflict.Path)).ConfigureAwait(false),
        };
        var changes = await Conflicts.RecordChangesAsync(conflict, loser, clock.Next(), current.GetValueOrDefault, cancellationToken).ConfigureAwait(false);
        // Guarded like the path itself, so a resolution committed meanwhile is never undone by a stale plan.
        return changes.Any(c => current.GetValueOrDefault(c.Path)?.Hash != c.Entry?.Hash)
            ? [.. changes.Select(c => c with { ExpectedHash = current.GetValueOrDefault(c.Path)?.Hash ?? "" })]
            : [];
    }

    /// <summary>System data and the conflict records themselves settle by LWW alone: a record of a record helps nobody.</summary>
    private static bool RecordsConflicts(string path) => ConflictPaths.IsRecordable(path);

    /// <summary>
    /// Advances our clock past the peer's versions, so a write made after this pull orders after them. The stamps were
    /// checked against the clock's wall-clock horizon before the pull stored anything (<see cref="EnsureStampsWithinHorizon"/>).
    /// </summary>
    private void ObserveClock(List<RemoteChange> remote)
    {
        var latest = remote.Select(static r => r.Version?.VirtualTime ?? 0).DefaultIfEmpty(0).Max();
        if (latest > 0)
        {
            clock.Observe(latest);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A local write to {Path} raced the merge of peer {PeerId}; merging again")]
    private static partial void LogMergeRaced(ILogger logger, ulong peerId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Peer change at {Path} skipped: the path is a local directory")]
    private static partial void LogDirectoryKept(ILogger logger, string path);
}
