using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// The HTTP pull of CONTRACT §6.1. Everything the peer changed is checked and stored first (chunks re-hashed,
/// version records written; both are content-addressed, so a failed pull leaves only unreferenced objects),
/// then applied as one tree commit: all or nothing.
/// </summary>
internal sealed partial class PeerPuller(
    IHttpClientFactory httpClients,
    IGrainFactory grains,
    IObjectStore store,
    IPathRules pathRules,
    IHybridClock clock,
    IPeerTokenSource tokens,
    ILogger<PeerPuller> logger) : IPeerPuller
{
    /// <summary>The named HttpClient peers are called with.</summary>
    public const string HttpClientName = "aeordb-peers";

    /// <summary>CONTRACT §5.3: at most this many hashes per <c>/sync/chunks</c> request.</summary>
    internal const int MaxHashesPerBatch = 10_000;

    /// <summary>Raw bytes asked for per <c>/sync/chunks</c> request, well under the peer's 512 MiB answer limit, so memory stays bounded.</summary>
    internal const long BatchByteBudget = 32L * 1024 * 1024;

    private const int ChunkSize = 256 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>System subtrees that replicate (CONTRACT §1.7); node-local ones (cluster/, sync-peers/, join-audit/) never do.</summary>
    private static readonly string[] ReplicatedSystemPrefixes =
    [
        "/.aeordb-system/users/",
        "/.aeordb-system/groups/",
        "/.aeordb-system/snapshots/",
        "/.aeordb-system/config/",
        "/.aeordb-system/api-keys/",
        "/.aeordb-system/refresh-tokens/",
        "/.aeordb-config/",
    ];

    private const string SystemRoot = "/.aeordb-system/";
    private const string EmailConfigPath = "/.aeordb-system/email-config.json";

    public async Task<(PullResult Result, string? PeerRootHash)> PullAsync(PeerRecord peer, string? sinceRootHash, CancellationToken cancellationToken)
    {
        try
        {
            return await PullCoreAsync(peer, sinceRootHash, cancellationToken).ConfigureAwait(false);
        }
        catch (PeerPullFailedException e)
        {
            LogPullFailed(logger, peer.NodeId, e.Message);
            return (Failed(e.Message), null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var message = $"Peer {peer.NodeId} unreachable: {e.Message}";
            LogPullFailed(logger, peer.NodeId, message);
            return (Failed(message), null);
        }
    }

    /// <summary>True when a path may be replicated: everything outside the system namespaces, and the system subtrees of CONTRACT §1.7.</summary>
    internal static bool Replicates(string path) =>
        !path.StartsWith(SystemRoot, StringComparison.Ordinal) && !path.StartsWith("/.aeordb-config/", StringComparison.Ordinal)
        || path == EmailConfigPath
        || ReplicatedSystemPrefixes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal));

    private static PullResult Failed(string error) => new(false, false, PeerState.Active, 0, 0, error);

    private async Task<(PullResult Result, string? PeerRootHash)> PullCoreAsync(PeerRecord peer, string? sinceRootHash, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        var token = tokens.MintPeerToken();
        var tree = grains.GetGrain<ITreeGrain>(0);
        var ourRoot = await tree.GetRootHashAsync().ConfigureAwait(false);

        var diffRequest = new PeerDiffRequest(
            sinceRootHash, ourRoot, peer.SyncPaths.Count == 0 ? null : peer.SyncPaths, clock.NodeId, clock.Peek());
        var diff = await PostAsync<PeerDiffRequest, PeerDiffResponse>(http, peer, token, "/sync/diff", diffRequest, cancellationToken).ConfigureAwait(false);
        var changes = diff.Changes;

        var files = (changes?.FilesAdded ?? []).Concat(changes?.FilesModified ?? []).Where(f => Replicates(f.Path)).ToList();
        var symlinks = (changes?.SymlinksAdded ?? []).Concat(changes?.SymlinksModified ?? []).Where(s => Replicates(s.Path) && s.Target is not null).ToList();
        var putPaths = files.Select(f => f.Path).Concat(symlinks.Select(s => s.Path)).ToHashSet(StringComparer.Ordinal);
        // A kind change (file ↔ symlink) arrives as a delete plus an add of the same path: the add replaces it.
        var deletes = (changes?.FilesDeleted ?? []).Concat(changes?.SymlinksDeleted ?? [])
            .Select(d => d.Path).Where(p => Replicates(p) && !putPaths.Contains(p)).Distinct(StringComparer.Ordinal).ToList();

        if (files.Count == 0 && symlinks.Count == 0 && deletes.Count == 0)
        {
            return (new PullResult(true, false, PeerState.Active, 0, 0, null), diff.RootHash);
        }

        await FetchChunksAsync(http, peer, token, files, cancellationToken).ConfigureAwait(false);

        // Remote wins for now: the three-way merge against our own changes since the base, with LWW and
        // conflict records (CONTRACT §7), is the next issue. The diff carries no remote timestamps, so the
        // applied entries are stamped by our clock, which has observed the peer's time through its requests.
        var treeChanges = new List<TreeChange>(files.Count + symlinks.Count + deletes.Count);
        var versions = await StoreVersionsAsync(files, cancellationToken).ConfigureAwait(false);
        foreach (var file in files)
        {
            var version = versions[file.Path];
            var existing = await tree.GetAsync(file.Path).ConfigureAwait(false);
            if (existing?.Kind == EntryKind.File && existing.Hash == version.Hash)
            {
                continue;
            }

            var stamp = clock.Next();
            var createdAt = existing?.Kind == EntryKind.File ? existing.CreatedAt : stamp.VirtualTime;
            treeChanges.Add(new TreeChange(file.Path, new FileEntry(
                file.Path, EntryKind.File, version.Hash, version.Size, version.ContentType, null, createdAt, stamp.VirtualTime, stamp)));
        }

        foreach (var symlink in symlinks)
        {
            var existing = await tree.GetAsync(symlink.Path).ConfigureAwait(false);
            if (existing?.Kind == EntryKind.Symlink && existing.Target == symlink.Target)
            {
                continue;
            }

            var stamp = clock.Next();
            var createdAt = existing?.Kind == EntryKind.Symlink ? existing.CreatedAt : stamp.VirtualTime;
            treeChanges.Add(new TreeChange(symlink.Path, new FileEntry(
                symlink.Path, EntryKind.Symlink, TreeBatch.SymlinkHash(symlink.Target!), 0, null, symlink.Target, createdAt, stamp.VirtualTime, stamp)));
        }

        // Adds and modifications apply before deletes (CONTRACT §7.1); deleting what is already gone is fine.
        foreach (var path in deletes)
        {
            if (await tree.GetAsync(path).ConfigureAwait(false) is { Kind: not EntryKind.Directory })
            {
                treeChanges.Add(new TreeChange(path, null));
            }
        }

        if (treeChanges.Count > 0)
        {
            var commit = await tree.CommitAsync(treeChanges).ConfigureAwait(false);
            if (commit.Status != CommitStatus.Ok)
            {
                throw new PeerPullFailedException($"Applying changes from peer {peer.NodeId} failed: {commit.Status} at {commit.FailedPath}");
            }
        }

        LogPulled(logger, peer.NodeId, treeChanges.Count, diff.RootHash);
        return (new PullResult(true, false, PeerState.Active, treeChanges.Count, 0, null), diff.RootHash);
    }

    private static async Task<TResponse> PostAsync<TRequest, TResponse>(
        HttpClient http, PeerRecord peer, string token, string route, TRequest body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(http, peer, token, route, body, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, peer, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<TResponse>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new PeerPullFailedException($"Peer {peer.NodeId} returned an empty answer to {route}");
    }

    private static Task<HttpResponseMessage> SendAsync<TRequest>(
        HttpClient http, PeerRecord peer, string token, string route, TRequest body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, peer.Address.TrimEnd('/') + route)
        {
            Content = JsonContent.Create(body, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, PeerRecord peer, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new PeerPullFailedException($"Peer {peer.NodeId} returned {(int)response.StatusCode}: {text}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled {Operations} operations from peer {PeerId}; peer root {RootHash}")]
    private static partial void LogPulled(ILogger logger, ulong peerId, int operations, string rootHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pull from peer {PeerId} failed: {Error}")]
    private static partial void LogPullFailed(ILogger logger, ulong peerId, string error);
}
