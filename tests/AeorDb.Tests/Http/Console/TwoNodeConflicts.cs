using System.Net;
using System.Text.Json;
using AeorDb.Tests.Http.Peers;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Console;

/// <summary>
/// Real conflicts between two real nodes, made as ConflictFlowTests makes them: each node edits the same files
/// while the other is down, so neither saw the other's edit. B's edits are later, so B's side wins.
/// </summary>
internal static class TwoNodeConflicts
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>The text each side wrote to <paramref name="path"/>.</summary>
    public static string EditOnA(string path) => "edit on A of " + path;

    public static string EditOnB(string path) => "edit on B, later, of " + path;

    /// <summary>Leaves one open conflict per path listed on both nodes, with B's edit as the winner.</summary>
    public static async Task MakeAsync(JoinedPair pair, params string[] paths)
    {
        var (a, b) = (pair.RootA, pair.RootB);
        await WaitActiveAsync(pair);
        foreach (var path in paths)
        {
            await a.PutTextAsync(path, "v0");
        }

        Assert.True(await SyncUntilAsync(pair, async () => await AllAsync(paths, p => TextAsync(b, p), "v0")), "B never received v0");

        await pair.B.StopAsync();
        foreach (var path in paths)
        {
            await a.PutTextAsync(path, EditOnA(path));
        }

        await pair.A.StopAsync();
        await pair.B.RestartAsync(JoinedPair.FastPeers);
        foreach (var path in paths)
        {
            await b.PutTextAsync(path, EditOnB(path));
        }

        await pair.A.RestartAsync(JoinedPair.FastPeers);
        await WaitActiveAsync(pair);
        Assert.True(await SyncUntilAsync(pair, async () => await CountAsync(a) == paths.Length && await CountAsync(b) == paths.Length),
            "the conflicts were not listed on both nodes:\n" + pair.A.Output.StderrText);
    }

    /// <summary>Pulls both ways until <paramref name="done"/> holds or the deadline passes.</summary>
    public static Task<bool> SyncUntilAsync(JoinedPair pair, Func<Task<bool>> done) =>
        Poll.UntilAsync(async () =>
        {
            (await pair.RootA.SendAsync(HttpMethod.Post, "/sync/trigger")).Dispose();
            (await pair.RootB.SendAsync(HttpMethod.Post, "/sync/trigger")).Dispose();
            return await done();
        }, Deadline);

    public static async Task<string?> TextAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync("/files" + path);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
    }

    /// <summary>The paths of the open conflicts a node lists.</summary>
    public static async Task<List<string>> PathsAsync(ApiClient client)
    {
        using var response = await client.GetAsync("/sync/conflicts");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [];
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("path").GetString()!).ToList();
    }

    private static async Task<int> CountAsync(ApiClient client) => (await PathsAsync(client)).Count;

    private static async Task<bool> AllAsync(string[] paths, Func<string, Task<string?>> read, string expected)
    {
        foreach (var path in paths)
        {
            if (await read(path) != expected)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task WaitActiveAsync(JoinedPair pair)
    {
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootA, "active"), Deadline), "A never saw B active:\n" + pair.A.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootB, "active"), Deadline), "B never saw A active:\n" + pair.B.Output.StderrText);
    }
}
