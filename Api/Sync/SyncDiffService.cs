using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Api.Security;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Sync;

/// <summary>
/// <c>POST /sync/diff</c> (CONTRACT §5.2): the tree grain's Merkle diff (or full listing) of HEAD, filtered
/// for the caller, with each surviving file's size, content type and chunks from its version record.
/// </summary>
internal sealed partial class SyncDiffService(
    IGrainFactory grains,
    IObjectStore store,
    IPathRules paths,
    IAccessPolicy access,
    IHybridClock clock,
    IOptions<ApiOptions> options,
    TimeProvider time,
    ILogger<SyncDiffService> logger)
{
    private static readonly SyncDiffRequest EmptyRequest = new(null, null, null, null, null);

    /// <summary>System subtrees listed whole for peers and root on incremental diffs (they are not versioned with HEAD in the original).</summary>
    private static readonly string[] _systemRoots = ["/.aeordb-system", "/.aeordb-config"];

    /// <summary>How many version records are looked up at once; the store serves reads from a connection pool.</summary>
    private static readonly int _lookupParallelism = Math.Max(4, Environment.ProcessorCount * 2);

    public async Task<IResult> DiffAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var body = await JsonBody.ReadAsync(request, options.Value.JsonBodyLimit, cancellationToken, EmptyRequest, requireContentType: SyncRequests.HasBody(request)).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var input = body.Value!;
        if (Validate(input) is { } invalid)
        {
            return invalid;
        }

        var caller = context.GetCaller();
        var filter = new SyncFilter(paths, access, caller, input.Paths ?? []);
        if (filter.Class == SyncCallerClass.Peer && input.VirtualTime is { } virtualTime)
        {
            LearnClock(virtualTime);
        }
        var diff = await grains.GetGrain<ITreeGrain>(0).DiffAsync(input.SinceRootHash?.ToLowerInvariant()).ConfigureAwait(false);
        if (filter.IncludesSystem && !diff.FullListing)
        {
            diff = await WithSystemAsAddedAsync(diff, filter).ConfigureAwait(false);
        }

        if (diff.FullListing && filter.Class != SyncCallerClass.Peer)
        {
            // A full listing is "everything added" (CONTRACT §5.2); its deletion records serve only peers' merges.
            diff = diff with { Deleted = [] };
        }

        var response = await BuildAsync(diff, filter, cancellationToken).ConfigureAwait(false);
        LogDiff(filter.Class, input.SinceRootHash is not null, diff.FullListing, response.Changes.FilesAdded.Count + response.Changes.SymlinksAdded.Count,
            response.Changes.FilesModified.Count + response.Changes.SymlinksModified.Count, response.Changes.FilesDeleted.Count + response.Changes.SymlinksDeleted.Count);
        return TypedResults.Json(response, ApiJson.Options);
    }

    /// <summary>
    /// Advances the clock past a peer's virtual time (CONTRACT §5.2), so our next writes order after what it
    /// has seen. Only peers teach the clock, and the clock itself refuses anything past its wall-clock horizon
    /// (<see cref="IHybridClock.Horizon"/>): one bad value must not push every later stamp into the future.
    /// </summary>
    private void LearnClock(long virtualTime)
    {
        if (virtualTime > 0 && !clock.Observe(virtualTime))
        {
            LogClockRefused(virtualTime - time.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    private IResult? Validate(SyncDiffRequest input)
    {
        if (input.SinceRootHash is { } since && !SyncRequests.IsHash(since))
        {
            return ApiErrors.BadRequest($"Invalid since_root_hash: {since}");
        }

        if (input.CurrentRootHash is { } current && !SyncRequests.IsHash(current))
        {
            return ApiErrors.BadRequest($"Invalid current_root_hash: {current}");
        }

        return GlobInput.Check(paths, input.Paths, options.Value.MaxSyncPaths, "paths");
    }

    /// <summary>
    /// CONTRACT §5.2: for peers and root, system entries always count as added. Their changes are taken out of
    /// the Merkle diff and the system subtrees of the same root are listed instead.
    /// </summary>
    private async Task<TreeDiffResult> WithSystemAsAddedAsync(TreeDiffResult diff, SyncFilter filter)
    {
        var tree = grains.GetGrain<ITreeGrain>(0);
        var added = diff.Added.Where(e => !filter.IsSystem(e.Path)).ToList();
        foreach (var root in _systemRoots)
        {
            var listing = await tree.ListAsync(root, -1, diff.RootHash).ConfigureAwait(false);
            added.AddRange(listing.Items
                .Where(static e => e.Kind is EntryKind.File or EntryKind.Symlink)
                .Select(static e => new TreeDiffItem(e.Path, e.Kind, e.Hash, e.Target, null, e.Stamp)));
        }

        added.Sort(static (x, y) => string.CompareOrdinal(x.Path, y.Path));
        return diff with
        {
            Added = added,
            Modified = [.. diff.Modified.Where(e => !filter.IsSystem(e.Path))],
            Deleted = [.. diff.Deleted.Where(e => !filter.IsSystem(e.Path))],
        };
    }

    private async Task<SyncDiffResponse> BuildAsync(TreeDiffResult diff, SyncFilter filter, CancellationToken cancellationToken)
    {
        var added = await KeepAsync(diff.Added, filter, cancellationToken).ConfigureAwait(false);
        var modified = await KeepAsync(diff.Modified, filter, cancellationToken).ConfigureAwait(false);
        var deleted = await KeepAsync(diff.Deleted, filter, cancellationToken).ConfigureAwait(false);

        var filesAdded = await FilesAsync(added, cancellationToken).ConfigureAwait(false);
        var filesModified = await FilesAsync(modified, cancellationToken).ConfigureAwait(false);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in filesAdded.Concat(filesModified))
        {
            needed.UnionWith(file.ChunkHashes);
        }

        var chunks = needed.ToList();
        chunks.Sort(StringComparer.Ordinal);
        var changes = new SyncChanges(
            filesAdded,
            filesModified,
            Paths(deleted, EntryKind.File),
            Symlinks(added),
            Symlinks(modified),
            Paths(deleted, EntryKind.Symlink));
        return new SyncDiffResponse(diff.RootHash, changes, chunks);
    }

    /// <summary>The items the caller may receive, order kept.</summary>
    private static async Task<List<TreeDiffItem>> KeepAsync(IReadOnlyList<TreeDiffItem> items, SyncFilter filter, CancellationToken cancellationToken)
    {
        var kept = new List<TreeDiffItem>(items.Count);
        foreach (var item in items)
        {
            if (await filter.AllowsAsync(item.Path, cancellationToken).ConfigureAwait(false))
            {
                kept.Add(item);
            }
        }

        return kept;
    }

    /// <summary>The files among <paramref name="items"/> with their version records, looked up concurrently; order kept.</summary>
    private async Task<IReadOnlyList<SyncFileChange>> FilesAsync(List<TreeDiffItem> items, CancellationToken cancellationToken)
    {
        var files = items.Where(static i => i.Kind == EntryKind.File).ToArray();
        var changes = new SyncFileChange?[files.Length];
        await Parallel.ForAsync(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = _lookupParallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var file = files[i];
            var version = await store.GetFileVersionAsync(file.Hash, token).ConfigureAwait(false);
            if (version is null)
            {
                LogMissingVersion(file.Path, file.Hash);
                return;
            }

            changes[i] = new SyncFileChange(file.Path, file.Hash, version.Size, version.ContentType, version.ChunkHashes,
                file.Stamp?.VirtualTime, file.Stamp?.NodeId, file.PreviousHash, Wire(file.History));
        }).ConfigureAwait(false);
        return [.. changes.OfType<SyncFileChange>()];
    }

    private static IReadOnlyList<SyncSymlinkChange> Symlinks(List<TreeDiffItem> items) =>
        [.. items.Where(static i => i.Kind == EntryKind.Symlink).Select(static i => new SyncSymlinkChange(i.Path, i.Hash, i.Target, i.Stamp?.VirtualTime, i.Stamp?.NodeId, i.PreviousHash, Wire(i.History)))];

    /// <summary>Deleted entries; one without a deletion record (no stamp) names only its path and base id, as before deletions were recorded.</summary>
    private static IReadOnlyList<SyncPathOnly> Paths(List<TreeDiffItem> items, EntryKind kind) =>
        [.. items.Where(i => i.Kind == kind).Select(static i => i.Stamp is { } stamp
            ? new SyncPathOnly(i.Path, i.PreviousHash, i.Hash, stamp.VirtualTime, stamp.NodeId, Wire(i.History))
            : new SyncPathOnly(i.Path, i.PreviousHash))];

    /// <summary>The earlier states on the wire: left out when unknown, <c>[]</c> when the path had none.</summary>
    private static IReadOnlyList<SyncVersionRef>? Wire(IReadOnlyList<VersionRef>? history) =>
        history is null ? null : [.. history.Select(static h => new SyncVersionRef(h.Hash, h.Stamp.VirtualTime, h.Stamp.NodeId, h.Deleted))];

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Sync diff for a {CallerClass} caller (since given: {SinceGiven}, full listing: {FullListing}): {Added} added, {Modified} modified, {Deleted} deleted")]
    private partial void LogDiff(SyncCallerClass callerClass, bool sinceGiven, bool fullListing, int added, int modified, int deleted);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "File {Path} names version {VersionHash}, which the object store lacks; left out of the sync diff")]
    private partial void LogMissingVersion(string path, string versionHash);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "A peer's virtual_time {LeadMs} ms ahead of this node's wall clock was not learned: beyond the allowed clock skew")]
    private partial void LogClockRefused(long leadMs);
}
