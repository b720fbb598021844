using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using AeorDb.Grains.Services.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    ITreeStore treeStore,
    IPathRules pathRules,
    IHybridClock clock,
    IPeerTokenSource tokens,
    IOptions<PeerOptions> peerOptions,
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
        catch (PeerTokenException e)
        {
            var message = $"Peer {peer.NodeId}: {e.Message}";
            LogPullFailed(logger, peer.NodeId, message);
            return (Failed(message), null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or PeerBodyTooLargeException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
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

    /// <summary>True when the peer has no <c>sync_paths</c> or one of them matches (CONTRACT §1.6, §5.5).</summary>
    private bool InSyncPaths(PeerRecord peer, string path) =>
        peer.SyncPaths.Count == 0 || peer.SyncPaths.Any(glob => pathRules.GlobMatches(glob, path));

    private static PullResult Failed(string error) => new(false, false, PeerState.Active, 0, 0, error);

    private async Task<(PullResult Result, string? PeerRootHash)> PullCoreAsync(PeerRecord peer, string? sinceRootHash, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        var token = await tokens.GetPeerTokenAsync(peer.Address, cancellationToken).ConfigureAwait(false);
        var tree = grains.GetGrain<ITreeGrain>(0);
        var ourRoot = await tree.GetRootHashAsync().ConfigureAwait(false);

        var diffRequest = new PeerDiffRequest(
            sinceRootHash, ourRoot, peer.SyncPaths.Count == 0 ? null : peer.SyncPaths, clock.NodeId, clock.Peek());
        var diff = await PostAsync<PeerDiffRequest, PeerDiffResponse>(http, peer, token, "/sync/diff", diffRequest, peerOptions.Value.MaxDiffAnswerBytes, cancellationToken).ConfigureAwait(false);
        var changes = diff.Changes;

        // The peer filters by sync_paths itself; filtering again here guarantees a path outside them is never
        // overwritten or deleted because of this peer, whatever it sends.
        bool Wanted(string path) => Replicates(path) && InSyncPaths(peer, path);
        var files = (changes?.FilesAdded ?? []).Concat(changes?.FilesModified ?? []).Where(f => Wanted(f.Path)).ToList();
        var symlinks = (changes?.SymlinksAdded ?? []).Concat(changes?.SymlinksModified ?? []).Where(s => Wanted(s.Path) && s.Target is not null).ToList();
        var putPaths = files.Select(f => f.Path).Concat(symlinks.Select(s => s.Path)).ToHashSet(StringComparer.Ordinal);
        // A kind change (file ↔ symlink) arrives as a delete plus an add of the same path: the add replaces it.
        var deleted = (changes?.FilesDeleted ?? []).Concat(changes?.SymlinksDeleted ?? [])
            .Where(d => Wanted(d.Path)).DistinctBy(d => d.Path, StringComparer.Ordinal).ToDictionary(d => d.Path, StringComparer.Ordinal);
        var deletes = deleted.Keys.Where(p => !putPaths.Contains(p)).ToList();

        if (files.Count == 0 && symlinks.Count == 0 && deletes.Count == 0)
        {
            return (new PullResult(true, false, PeerState.Active, 0, 0, null), diff.RootHash);
        }

        EnsureStampsWithinHorizon(peer, files, symlinks, deleted.Values);
        await FetchChunksAsync(http, peer, token, files, cancellationToken).ConfigureAwait(false);

        // Version records are content-addressed: one the merge does not use costs nothing and stays unreferenced. The
        // stored id is the one applied, since a peer of another implementation may derive its ids differently.
        var versions = await StoreVersionsAsync(files, cancellationToken).ConfigureAwait(false);

        var remote = CollectRemote(files, versions, symlinks, deleted.Values);
        var (operations, conflicts) = await MergeAndCommitAsync(tree, peer, remote, cancellationToken).ConfigureAwait(false);

        LogPulled(logger, peer.NodeId, operations, conflicts, diff.RootHash);
        return (new PullResult(true, false, PeerState.Active, operations, conflicts, null), diff.RootHash);
    }

    private static async Task<TResponse> PostAsync<TRequest, TResponse>(
        HttpClient http, PeerRecord peer, string token, string route, TRequest body, long maxAnswerBytes, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(http, peer, token, route, body, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, peer, cancellationToken).ConfigureAwait(false);
        return await PeerBodies.ReadJsonAsync<TResponse>(response, maxAnswerBytes, Json, $"Peer {peer.NodeId}'s {route} answer", cancellationToken).ConfigureAwait(false)
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
            var text = await PeerBodies.ReadErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
            throw new PeerPullFailedException($"Peer {peer.NodeId} returned {(int)response.StatusCode}: {text}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled {Operations} operations from peer {PeerId} with {Conflicts} conflicts; peer root {RootHash}")]
    private static partial void LogPulled(ILogger logger, ulong peerId, int operations, int conflicts, string rootHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pull from peer {PeerId} failed: {Error}")]
    private static partial void LogPullFailed(ILogger logger, ulong peerId, string error);
}
