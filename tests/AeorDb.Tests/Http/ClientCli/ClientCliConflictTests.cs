using System.Net;
using AeorDb.Tests.Http.Console;
using AeorDb.Tests.Http.Peers;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.ClientCli;

/// <summary><c>aeordb conflicts</c>, <c>peers list</c> and <c>sync trigger</c> on conflicts two real nodes made.</summary>
public sealed class ClientCliConflictTests
{
    [Fact]
    public async Task Conflicts_MadeByTwoNodes_ListedResolvedWithLoserAndDismissed()
    {
        const string plan = "/docs/plan.txt", notes = "/docs/notes.txt";
        await using var pair = await JoinedPair.StartAsync(JoinedPair.FastPeers, pointAAtB: true);
        await TwoNodeConflicts.MakeAsync(pair, plan, notes);
        var record = await Expect.JsonAsync(await pair.RootA.GetAsync("/sync/conflicts" + plan), HttpStatusCode.OK);
        using var cli = new CliHarness(pair.A.BaseUrl, pair.A.RootKey);

        var peers = CliHarness.Ok(await cli.RunAsync("peers", "list"));
        Assert.Matches($@"(?m)^\d+\s+{pair.AddressOfB.Replace(".", @"\.")}\s+.*\bactive\s", peers);
        var trigger = await cli.RunAsync("sync", "trigger");
        Assert.Matches(@"^(Synced 1, failed 0|Synced 0, failed 1), skipped 0\.", trigger.Log.StdoutText);
        if (trigger.ExitCode == 0)
        {
            Assert.Matches(@"(?m)^\d+\s+ok\s+\d+\s+\d+$", trigger.Log.StdoutText);
        }
        else
        {
            // The node's own loop may be pulling from B at this moment: that peer then fails, and the command exits 1.
            Assert.Equal("aeordb: 1 peer(s) failed to sync", CliHarness.Fails(trigger, 1));
            Assert.Contains("already in progress", trigger.Log.StdoutText, StringComparison.Ordinal);
        }

        var table = CliHarness.Ok(await cli.RunAsync("conflicts", "list"));
        var winner = record.GetProperty("winner");
        Assert.Matches(@"^PATH\s+TYPE\s+WINNER\s+LOSER\s+DETECTED", table);
        Assert.Matches($@"(?m)^/docs/plan\.txt\s+ConcurrentModify\s+node {winner.GetProperty("node_id").GetRawText()}, {winner.GetProperty("size").GetInt64()} B, [\d-]+ [\d:]+\s+node {record.GetProperty("loser").GetProperty("node_id").GetRawText()}, ", table);
        Assert.Contains("/docs/notes.txt", table, StringComparison.Ordinal);
        var json = await cli.JsonAsync("conflicts", "list");
        Assert.Equal(2, json.GetProperty("items").GetArrayLength());

        Assert.Equal("Resolved /docs/plan.txt: kept the loser.", CliHarness.Ok(await cli.RunAsync("conflicts", "resolve", plan, "--pick", "loser")).Trim());
        Assert.Equal(TwoNodeConflicts.EditOnA(plan), await TwoNodeConflicts.TextAsync(pair.RootA, plan));
        var dismissed = await cli.JsonAsync("conflicts", "dismiss", notes);
        Assert.True(dismissed.GetProperty("dismissed").GetBoolean());
        Assert.Equal(TwoNodeConflicts.EditOnB(notes), await TwoNodeConflicts.TextAsync(pair.RootA, notes));
        Assert.Equal("No conflicts.", CliHarness.Ok(await cli.RunAsync("conflicts", "list")).Trim());

        Assert.True(await TwoNodeConflicts.SyncUntilAsync(pair, async () =>
            await TwoNodeConflicts.TextAsync(pair.RootB, plan) == TwoNodeConflicts.EditOnA(plan)
            && (await TwoNodeConflicts.PathsAsync(pair.RootB)).Count == 0), "the resolution did not reach B");
    }
}
