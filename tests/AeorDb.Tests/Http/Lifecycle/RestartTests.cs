using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Lifecycle;

/// <summary>Restarting a node on the same database file (CONTRACT §2 key block, §3.1 signing key).</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_AfterGracefulStop_KeepsDataAndSigningKeyAndPrintsNoKey()
    {
        await using var node = await AeorDbNode.StartAsync();
        var root = await node.RootAsync();
        var path = TestPaths.Unique("restart") + "/kept.txt";
        var content = Encoding.UTF8.GetBytes("still here after a restart");
        await root.PutFileAsync(path, content, "text/plain");

        await node.StopAsync();
        await node.RestartAsync();

        // A JWT minted before the restart still validates: the signing key was persisted, not regenerated.
        using (var response = await root.GetAsync("/files" + path))
        {
            Assert.Equal(content, await Expect.BytesAsync(response, HttpStatusCode.OK));
        }

        // The root key printed at first start still mints tokens.
        var fresh = await node.MintTokenAsync(node.RootKey!);
        using (var response = await node.WithToken(fresh.GetProperty("token").GetString()!).GetAsync("/files" + path))
        {
            await Expect.StatusAsync(response, HttpStatusCode.OK);
        }

        // Stop first so the second run's stdout is complete before asserting what it lacks.
        await node.StopAsync();
        Assert.Null(AeorDbNode.FindPrintedKey(node.Output));
        Assert.DoesNotContain("aeor_k_", node.Output.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotContain("ROOT API KEY", node.Output.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_Sigterm_ExitsWithinDeadline()
    {
        await using var node = await AeorDbNode.StartAsync();

        var exitCode = await node.StopAsync();

        Assert.False(node.IsRunning);
        Assert.True(exitCode == 0, $"graceful stop exited {exitCode}\n{node.Output.Tail()}");
    }
}
