using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using AeorDb.Bench.Processes;

namespace AeorDb.Bench.Targets;

/// <summary>
/// Two aeordb nodes on loopback, joined the way the product page shows: A starts, B starts with
/// <c>--join &lt;A&gt; --join-token &lt;A's root key&gt; --advertise-url &lt;B&gt;</c>, so each lists the other
/// as a peer and pulls from it. <see cref="StartAsync"/> returns once both see the other <c>active</c>.
/// </summary>
internal sealed class AeorDbPair : IAsyncDisposable
{
    private AeorDbPair(AeorDbTarget a, AeorDbTarget b, IReadOnlyList<string> nodeArgs)
    {
        A = a;
        B = b;
        Description = $"{a.Description.Split(',')[0]}, two nodes, B started with --join <A> --join-token <A root key> --advertise-url <B>"
            + (nodeArgs.Count > 0 ? $"; both with {string.Join(' ', nodeArgs)}" : "; all intervals at their defaults");
    }

    /// <summary>The node written to.</summary>
    public AeorDbTarget A { get; }

    /// <summary>The node read from.</summary>
    public AeorDbTarget B { get; }

    public string Description { get; }

    /// <summary>
    /// Starts the pair in <paramref name="workDir"/>; <paramref name="nodeArgs"/> go to both nodes (on top of free
    /// silo and gateway ports). Waits up to <paramref name="activeTimeout"/> for both peers to turn active: with
    /// the default 15 s heartbeats and 5 samples that takes about 75 s.
    /// </summary>
    public static async Task<AeorDbPair> StartAsync(string binary, string workDir, IReadOnlyList<string> nodeArgs, int connections, TimeSpan activeTimeout, CancellationToken cancellationToken)
    {
        string[] ports = ["--silo-port", "{free}", "--gateway-port", "{free}"];
        var a = await AeorDbTarget.StartAsync(binary, Path.Combine(workDir, "a"), [.. ports, .. nodeArgs], connections, cancellationToken).ConfigureAwait(false);
        AeorDbTarget? b = null;
        try
        {
            var portB = FreePort.Next();
            string[] join = ["--join", a.BaseUrl, "--join-token", a.RootKey, "--advertise-url", $"http://127.0.0.1:{portB.ToString(CultureInfo.InvariantCulture)}"];
            b = await AeorDbTarget.StartAsync(binary, Path.Combine(workDir, "b"), [.. ports, .. nodeArgs, .. join], connections, cancellationToken, portB).ConfigureAwait(false);
            var pair = new AeorDbPair(a, b, nodeArgs);
            await ServerWait.UntilAsync(
                async token => await OnlyPeerActiveAsync(a.Client, token).ConfigureAwait(false) && await OnlyPeerActiveAsync(b.Client, token).ConfigureAwait(false),
                () => false,
                activeTimeout,
                "aeordb pair: both peers active",
                cancellationToken).ConfigureAwait(false);
            return pair;
        }
        catch
        {
            if (b is not null)
            {
                await b.DisposeAsync().ConfigureAwait(false);
            }

            await a.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A node's HEAD root hash, from a diff whose filter matches nothing (a small answer).</summary>
    public static async Task<string> RootHashAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("/sync/diff", new { paths = new[] { "/no-such-path" } }, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"POST /sync/diff answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("root_hash").GetString() ?? throw new BenchException("POST /sync/diff: no root_hash");
    }

    /// <summary>Waits until both nodes report the same root hash (quiet and converged).</summary>
    public async Task WaitConvergedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await ServerWait.UntilAsync(
            async token => await RootHashAsync(A.Client, token).ConfigureAwait(false) == await RootHashAsync(B.Client, token).ConfigureAwait(false),
            () => false,
            timeout,
            "aeordb pair: same root hash on both nodes",
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync().ConfigureAwait(false);
        await A.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<bool> OnlyPeerActiveAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync("/sync/peers", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        return items.Count == 1 && items[0].GetProperty("state").GetString() == "active";
    }
}
