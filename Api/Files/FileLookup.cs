using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Files;

/// <summary>Reads entries from HEAD or from a past root, and follows symlinks (CONTRACT §4.2).</summary>
internal sealed class FileLookup(IGrainFactory grains, IPathRules rules, ILocalHead head)
{
    /// <summary>Longest symlink chain followed (CONTRACT §4.2).</summary>
    public const int MaxSymlinkHops = 32;

    private ITreeGrain? _tree;

    /// <summary>
    /// The tree grain's reference, made once: <c>GetGrain</c> resolves the interface's grain type by reflection and
    /// type-name formatting on every call, about 5 % of a small GET's CPU. A reference is immutable and thread-safe.
    /// </summary>
    private ITreeGrain Tree => _tree ??= grains.GetGrain<ITreeGrain>(0);

    /// <summary>
    /// The entry at <paramref name="path"/> in HEAD, or in the tree of <paramref name="rootHash"/>; null when absent.
    /// A HEAD read is answered by this silo's <see cref="ILocalHead"/> when it holds the entry (no grain call).
    /// </summary>
    public ValueTask<FileEntry?> GetAsync(string path, string? rootHash)
    {
        if (rootHash is null && head.TryGet(path, out var cached))
        {
            return ValueTask.FromResult(cached);
        }

        return rootHash is null ? new ValueTask<FileEntry?>(Tree.GetAsync(path)) : GetPastAsync(path, rootHash);
    }

    private async ValueTask<FileEntry?> GetPastAsync(string path, string rootHash)
    {
        if (path == "/")
        {
            var root = await Tree.ListAsync("/", 0, rootHash).ConfigureAwait(false);
            return root.Found ? new FileEntry("/", EntryKind.Directory, rootHash, 0, null, null, 0, 0, new VersionStamp(0, 0)) : null;
        }

        // A past tree is read through its parent's listing, the one historical read the tree offers.
        var parent = await Tree.ListAsync(rules.Parent(path), 0, rootHash).ConfigureAwait(false);
        return parent.Items.FirstOrDefault(item => item.Path == path);
    }

    /// <summary>Children (down to <paramref name="depth"/>) of a directory in HEAD or a past root.</summary>
    public async Task<IReadOnlyList<FileEntry>> ListAsync(string path, int depth, string? rootHash)
    {
        var listing = await Tree.ListAsync(path, depth, rootHash).ConfigureAwait(false);
        return listing.Items;
    }

    /// <summary>The root a listing or read targets: null for HEAD; an error for an unknown snapshot, bad or unknown version.</summary>
    public async Task<(string? Root, IResult? Error)> ResolveRootAsync(ListingQuery query)
    {
        if (query.Snapshot is not null)
        {
            // Named snapshots are not built yet, so every name is unknown.
            return (null, ApiErrors.NotFound($"Snapshot not found: {query.Snapshot}"));
        }

        if (query.Version is null)
        {
            return (null, null);
        }

        if (query.Version.Length != 64 || !query.Version.All(char.IsAsciiHexDigit))
        {
            return (null, ApiErrors.BadRequest($"Invalid version hash: {query.Version}"));
        }

        var root = query.Version.ToLowerInvariant();
        return await Tree.IsKnownRootAsync(root).ConfigureAwait(false)
            ? (root, null)
            : (null, ApiErrors.NotFound($"Version not found: {root}"));
    }

    /// <summary>Follows <paramref name="link"/> to a file or directory: 404 when dangling or hidden, 400 on a cycle or a chain longer than 32.</summary>
    public async Task<(FileEntry? Entry, string? Target, IResult? Error)> FollowAsync(HttpContext context, FileRequest request, FileEntry link, string? rootHash)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { link.Path };
        var current = link;
        for (var hops = 0; current.Kind == EntryKind.Symlink; hops++)
        {
            if (hops == MaxSymlinkHops)
            {
                return (null, null, ApiErrors.BadRequest($"Symlink chain exceeds maximum depth of {MaxSymlinkHops}: {request.Path}"));
            }

            var target = current.Target ?? string.Empty;
            if (target.Length == 0 || rules.IsHidden(target))
            {
                return (null, null, PathAccess.NotFound(context, request));
            }

            if (!seen.Add(target))
            {
                return (null, null, ApiErrors.BadRequest($"Symlink cycle detected: {request.Path}"));
            }

            var next = await GetAsync(target, rootHash).ConfigureAwait(false);
            if (next is null)
            {
                return (null, null, PathAccess.NotFound(context, request));
            }

            current = next;
        }

        return (current, current.Path, null);
    }
}
