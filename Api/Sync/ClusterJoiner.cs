using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Sync.Identity;
using AeorDb.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Sync;

/// <summary>
/// The joiner's side of a cluster join (<c>aeordb start --join</c>, CONTRACT §5.4): exchanges an API key for a
/// JWT, asks the member to admit us, adopts and stores the shared signing key, and records the member as a peer
/// under its real node id. Every failure is a <see cref="ClusterJoinException"/> with a message for the operator.
/// </summary>
internal sealed class ClusterJoiner(IHttpClientFactory httpFactory, SigningKeyStore keys, IGrainFactory grains, IOptions<ApiOptions> options)
{
    /// <summary>The named <see cref="HttpClient"/> used for joining.</summary>
    public const string HttpClientName = "aeordb-cluster-join";

    /// <summary>The label the member is stored under (CONTRACT §5.4).</summary>
    public const string JoinTargetLabel = "Join target";

    /// <summary>Joins the cluster <paramref name="memberUrl"/> belongs to, advertising <paramref name="advertiseUrl"/>; returns the member's node id.</summary>
    public async Task<ulong> JoinAsync(string memberUrl, string joinToken, string advertiseUrl, CancellationToken cancellationToken)
    {
        var member = memberUrl.Trim().TrimEnd('/');
        if (PeerAddressPolicy.Problem(member, options.Value.AllowInsecurePeers) is { } problem)
        {
            throw new ClusterJoinException($"--join: {problem}.");
        }

        var http = httpFactory.CreateClient(HttpClientName);
        var jwt = joinToken.StartsWith("aeor_k_", StringComparison.Ordinal)
            ? await ExchangeKeyAsync(http, member, joinToken, cancellationToken).ConfigureAwait(false)
            : joinToken;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{member}/sync/join")
        {
            Content = JsonContent.Create(new JoinRequest(advertiseUrl, null), options: ApiJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        using var response = await SendAsync(http, request, member, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new ClusterJoinException($"{member} refused the join: {await DescribeAsync(response, cancellationToken).ConfigureAwait(false)}.");
        }

        var admitted = await ReadAsync<JoinResponse>(response, member, cancellationToken).ConfigureAwait(false);
        byte[] seed;
        try
        {
            seed = Convert.FromBase64String(admitted.SigningKey ?? string.Empty);
        }
        catch (FormatException)
        {
            throw new ClusterJoinException($"{member} answered the join with a signing key that is not base64.");
        }

        if (seed.Length != SigningKeyStore.SeedLength || admitted.RespondingNodeId == 0)
        {
            throw new ClusterJoinException($"{member} answered the join with an invalid signing key or node id.");
        }

        await keys.AdoptAsync(seed, cancellationToken).ConfigureAwait(false);
        await grains.GetGrain<IClusterGrain>(0).AdoptPeerAsync(admitted.RespondingNodeId, member, JoinTargetLabel).ConfigureAwait(false);
        return admitted.RespondingNodeId;
    }

    private static async Task<string> ExchangeKeyAsync(HttpClient http, string member, string apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{member}/auth/token")
        {
            Content = JsonContent.Create(new { api_key = apiKey }),
        };
        using var response = await SendAsync(http, request, member, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new ClusterJoinException($"{member} refused the --join-token: {await DescribeAsync(response, cancellationToken).ConfigureAwait(false)}.");
        }

        var body = await ReadAsync<TokenAnswer>(response, member, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(body.Token)
            ? throw new ClusterJoinException($"{member} answered POST /auth/token without a token.")
            : body.Token;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string member, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new ClusterJoinException($"cannot reach {member}: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClusterJoinException($"{member} did not answer in time.", exception);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string member, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new ClusterJoinException($"{member} answered with an empty body.");
        }
        catch (JsonException exception)
        {
            throw new ClusterJoinException($"{member} answered with a body that is not the expected JSON: {exception.Message}", exception);
        }
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                text = error.ToString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: report the text as it came.
        }

        return $"{(int)response.StatusCode} {text}".Trim();
    }

    private sealed record TokenAnswer(string? Token);
}

/// <summary>A cluster join that did not complete; the message is meant for the operator.</summary>
internal sealed class ClusterJoinException(string message, Exception? inner = null) : Exception(message, inner);
