using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.ScaleOut;

/// <summary>Starting the silos of one node on a test's PostgreSQL database, and the checks the scale-out tests share.</summary>
internal static class ScaleOutSilos
{
    /// <summary>How long failover, rejoin and replication may take on a busy two-core machine.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The flags of a silo on <paramref name="database"/>: failure detection shrunk to a one-second probe, and a fast
    /// peer watch, so a killed silo is declared dead and its grains move within seconds.
    /// </summary>
    public static string[] Arguments(PostgresDatabase database, params string[] more) =>
    [
        "--cluster-db", database.ConnectionString, "--membership-probe-timeout-ms", "1000", "--peer-watch-interval-ms", "500", .. more,
    ];

    /// <summary>Starts one silo; <paramref name="first"/> says whether it must print the node's root key.</summary>
    public static Task<AeorDbNode> StartAsync(PostgresDatabase database, bool first, params string[] more) =>
        AeorDbNode.StartAsync(new NodeOptions { ExpectRootKey = first, ExtraArguments = Arguments(database, more) });

    /// <summary>GET <paramref name="path"/> answers 200 with <paramref name="text"/>; false on anything else (for polling).</summary>
    public static async Task<bool> HasTextAsync(ApiClient client, string path, string text)
    {
        try
        {
            using var response = await client.GetAsync("/files" + path);
            return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadAsStringAsync() == text;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>PUT of <paramref name="text"/> answered 201 or 200; false on anything else (for polling).</summary>
    public static async Task<bool> TryPutAsync(ApiClient client, string path, string text)
    {
        try
        {
            using var response = await client.PutBytesAsync("/files" + path, System.Text.Encoding.UTF8.GetBytes(text), "text/plain");
            return response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The node id <c>GET /sync/status</c> reports.</summary>
    public static async Task<ulong> NodeIdAsync(ApiClient root) =>
        (await Expect.JsonAsync(await root.GetAsync("/sync/status"), HttpStatusCode.OK)).GetProperty("node_id").GetUInt64();

    /// <summary>True when the node lists exactly one peer and it is active (for polling).</summary>
    public static async Task<bool> OnlyPeerActiveAsync(ApiClient client)
    {
        try
        {
            using var response = await client.GetAsync("/sync/peers");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
            return items.Count == 1 && items[0].GetProperty("state").GetString() == "active";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
