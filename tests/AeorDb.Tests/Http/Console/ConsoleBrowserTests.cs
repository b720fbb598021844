using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AeorDb.Tests.Http.Peers;
using AeorDb.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using HttpExpect = AeorDb.Tests.TestSupport.Expect;

namespace AeorDb.Tests.Http.Console;

/// <summary>The web console in a real Chromium against real aeordb processes: log in, peers, conflicts, files.</summary>
public sealed class ConsoleBrowserTests(ITestOutputHelper output)
{
    private const string TokenKey = "aeordb.console.token";

    [Fact]
    public async Task Console_JoinedPair_ShowsNodeAndActivePeer_AddsTriggersRemovesPeer()
    {
        await using var pair = await JoinedPair.StartAsync(JoinedPair.FastPeers, pointAAtB: true);
        var node = await HttpExpect.JsonAsync(await pair.RootA.GetAsync("/system/node"), HttpStatusCode.OK);
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(Console_JoinedPair_ShowsNodeAndActivePeer_AddsTriggersRemovesPeer), output, async page =>
        {
            await ConsolePage.LogInAsync(page, pair.A.BaseUrl, pair.A.RootKey!);
            var token = await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{TokenKey}')");
            Assert.False(string.IsNullOrEmpty(token), "the console kept no token in sessionStorage");
            Assert.DoesNotContain(token!, page.Url, StringComparison.Ordinal);
            Assert.DoesNotContain("aeor_k_", page.Url, StringComparison.Ordinal);

            await Expect(page.Locator("#node-id")).ToHaveTextAsync(node.GetProperty("node_id").GetRawText());
            await Expect(page.Locator("#node-version")).ToHaveTextAsync(node.GetProperty("version").GetString()!);
            await Expect(page.Locator("#peers tbody tr")).ToHaveCountAsync(1);
            await Expect(page.Locator("#peers tbody tr .state")).ToHaveTextAsync("active", ConsolePage.Slow);
            await Expect(page.Locator("#peers tbody tr")).ToContainTextAsync(pair.AddressOfB);

            await page.FillAsync("#peer-address", "http://127.0.0.1:9");
            await page.FillAsync("#peer-label", "unreachable");
            await page.ClickAsync("#add-peer-form button[type=submit]");
            var dead = page.Locator("#peers tbody tr", new() { HasText = "http://127.0.0.1:9" });
            await Expect(dead).ToContainTextAsync("unreachable");
            await Expect(page.Locator("#peers tbody tr")).ToHaveCountAsync(2);
            await browser.DocumentAsync("console-overview");

            await page.ClickAsync("#trigger-form button[type=submit]");
            // The unreachable peer is skipped; B is synced, or failed when the node's own loop was pulling from it right then.
            await Expect(page.Locator("#trigger-result")).ToHaveTextAsync(new Regex(@"^(Synced 1, failed 0|Synced 0, failed 1), skipped 1\b"));

            await dead.Locator("button", new() { HasText = "Remove" }).ClickAsync();
            await Expect(dead).ToHaveCountAsync(0);
            var peers = await HttpExpect.JsonAsync(await pair.RootA.GetAsync("/sync/peers"), HttpStatusCode.OK);
            Assert.Equal(pair.AddressOfB, Assert.Single(peers.GetProperty("items").EnumerateArray()).GetProperty("address").GetString());
            Assert.Empty(browser.CspViolations);
        });
    }

    [Fact]
    public async Task Console_ConflictBetweenTwoNodes_ShowsBothSides_ResolvesWithLoserAndDismisses()
    {
        const string plan = "/docs/plan.txt", notes = "/docs/notes.txt";
        await using var pair = await JoinedPair.StartAsync(JoinedPair.FastPeers, pointAAtB: true);
        await TwoNodeConflicts.MakeAsync(pair, plan, notes);
        var record = await HttpExpect.JsonAsync(await pair.RootA.GetAsync("/sync/conflicts" + plan), HttpStatusCode.OK);
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(Console_ConflictBetweenTwoNodes_ShowsBothSides_ResolvesWithLoserAndDismisses), output, async page =>
        {
            await ConsolePage.LogInAsync(page, pair.A.BaseUrl, pair.A.RootKey!);
            await Expect(page.Locator("#conflict-count")).ToHaveTextAsync("2");
            await ConsolePage.OpenTabAsync(page, "conflicts");
            var card = ConsolePage.Conflict(page, plan);
            await Expect(card.Locator("[data-side=winner] .preview")).ToHaveTextAsync(TwoNodeConflicts.EditOnB(plan));
            await Expect(card.Locator("[data-side=loser] .preview")).ToHaveTextAsync(TwoNodeConflicts.EditOnA(plan));
            await Expect(card.Locator("[data-side=winner] dl")).ToContainTextAsync(record.GetProperty("winner").GetProperty("node_id").GetRawText());
            await Expect(card.Locator("[data-side=loser] dl")).ToContainTextAsync(record.GetProperty("loser").GetProperty("node_id").GetRawText());
            await Expect(card).ToContainTextAsync("ConcurrentModify");
            await browser.DocumentAsync("console-conflicts");

            await card.Locator("button[data-pick=loser]").ClickAsync();
            await Expect(card).ToHaveCountAsync(0);
            Assert.Equal(TwoNodeConflicts.EditOnA(plan), await TwoNodeConflicts.TextAsync(pair.RootA, plan));

            var other = ConsolePage.Conflict(page, notes);
            await other.Locator("button[data-pick=dismiss]").ClickAsync();
            await Expect(other).ToHaveCountAsync(0);
            await Expect(page.Locator("#conflicts-empty")).ToBeVisibleAsync();
            Assert.Equal(TwoNodeConflicts.EditOnB(notes), await TwoNodeConflicts.TextAsync(pair.RootA, notes));
            Assert.Empty(browser.CspViolations);
        });

        Assert.True(await TwoNodeConflicts.SyncUntilAsync(pair, async () =>
            await TwoNodeConflicts.TextAsync(pair.RootB, plan) == TwoNodeConflicts.EditOnA(plan)
            && (await TwoNodeConflicts.PathsAsync(pair.RootB)).Count == 0),
            $"the resolution did not reach B: B holds {await TwoNodeConflicts.TextAsync(pair.RootB, plan)} and lists conflicts "
            + $"[{string.Join(", ", await TwoNodeConflicts.PathsAsync(pair.RootB))}], A lists [{string.Join(", ", await TwoNodeConflicts.PathsAsync(pair.RootA))}]\n"
            + $"A:\n{pair.A.Output.StderrText}\nB:\n{pair.B.Output.StderrText}");
    }

    [Fact]
    public async Task Console_FileBrowser_UploadsDownloadsAndDeletes()
    {
        await using var node = await AeorDbNode.StartAsync();
        var root = await node.RootAsync();
        await root.PutTextAsync("/reports/2026/summary.txt", "summary");
        using var files = new TempDirectory();
        var content = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"row {i},value {i * 7}")));
        var upload = files.Combine("q3.csv");
        await File.WriteAllBytesAsync(upload, content);
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(Console_FileBrowser_UploadsDownloadsAndDeletes), output, async page =>
        {
            await ConsolePage.LogInAsync(page, node.BaseUrl, node.RootKey!);
            await ConsolePage.OpenTabAsync(page, "files");
            await ConsolePage.FileRow(page, "/reports").Locator("button.link").ClickAsync();
            await Expect(ConsolePage.FileRow(page, "/reports/2026")).ToBeVisibleAsync();

            await page.SetInputFilesAsync("#upload-input", upload);
            await page.ClickAsync("#upload-form button[type=submit]");
            var row = ConsolePage.FileRow(page, "/reports/q3.csv");
            await Expect(row).ToBeVisibleAsync();
            using (var stored = await root.GetAsync("/files/reports/q3.csv"))
            {
                Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
                Assert.Equal(content, await stored.Content.ReadAsByteArrayAsync());
            }

            await browser.DocumentAsync("console-files");
            var download = await page.RunAndWaitForDownloadAsync(() => row.Locator("button[data-action=download]").ClickAsync());
            Assert.Equal("q3.csv", download.SuggestedFilename);
            var saved = files.Combine("downloaded.csv");
            await download.SaveAsAsync(saved);
            Assert.Equal(content, await File.ReadAllBytesAsync(saved));

            await row.Locator("button[data-action=delete]").ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
            using (var gone = await root.GetAsync("/files/reports/q3.csv"))
            {
                Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            }

            Assert.Empty(browser.CspViolations);
        });
    }

    [Fact]
    public async Task Console_KeyWithRules_HidesAdminAndBrowsesOnlyItsPaths()
    {
        await using var node = await AeorDbNode.StartAsync();
        var root = await node.RootAsync();
        await root.PutTextAsync("/docs/guide.txt", "guide");
        await root.PutTextAsync("/secret/plan.txt", "plan");
        var rules = new[] { new Dictionary<string, string> { ["/docs/**"] = "-r--l---" } };
        var key = await HttpExpect.JsonAsync(await root.PostJsonAsync("/auth/keys", new { label = "docs reader", rules }), HttpStatusCode.Created);
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(Console_KeyWithRules_HidesAdminAndBrowsesOnlyItsPaths), output, async page =>
        {
            await ConsolePage.LogInAsync(page, node.BaseUrl, key.GetProperty("key").GetString()!);
            await Expect(page.Locator("#node-note")).ToContainTextAsync("need a root key");
            await Expect(page.Locator("#peers-section")).ToBeHiddenAsync();

            await ConsolePage.OpenTabAsync(page, "files");
            await Expect(ConsolePage.FileRow(page, "/docs")).ToBeVisibleAsync();
            await Expect(ConsolePage.FileRow(page, "/secret")).ToHaveCountAsync(0);
            await ConsolePage.FileRow(page, "/docs").Locator("button.link").ClickAsync();
            await Expect(ConsolePage.FileRow(page, "/docs/guide.txt")).ToBeVisibleAsync();
            Assert.Empty(browser.CspViolations);
        });
    }

    [Fact]
    public async Task Console_AuthDisabledNode_OpensWithoutLogin()
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { Auth = "disabled", ExpectRootKey = false });
        var info = await HttpExpect.JsonAsync(await node.Anonymous.GetAsync("/system/node"), HttpStatusCode.OK);
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(Console_AuthDisabledNode_OpensWithoutLogin), output, async page =>
        {
            await page.GotoAsync(new Uri(node.BaseUrl, "/console/").ToString());

            await Expect(page.Locator("#node-id")).ToHaveTextAsync(info.GetProperty("node_id").GetRawText());
            await Expect(page.Locator("#login-view")).ToBeHiddenAsync();
            await Expect(page.Locator("#message")).ToContainTextAsync("without authentication");
            Assert.Empty(browser.CspViolations);
        });
    }

    [Fact]
    public async Task Console_WrongKey_ShowsErrorAndKeepsNoToken()
    {
        await using var node = await AeorDbNode.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        await browser.RunAsync(nameof(Console_WrongKey_ShowsErrorAndKeepsNoToken), output, async page =>
        {
            await page.GotoAsync(new Uri(node.BaseUrl, "/console").ToString());
            await page.FillAsync("#api-key", "aeor_k_0000000000000000_" + new string('0', 64));
            await page.ClickAsync("#login-form button[type=submit]");
            await Expect(page.Locator("#message")).ToHaveTextAsync("Login failed: the API key was refused.");
            await Expect(page.Locator("#tabs")).ToBeHiddenAsync();
            Assert.Null(await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{TokenKey}')"));
            Assert.Empty(browser.CspViolations);
        });
    }
}
