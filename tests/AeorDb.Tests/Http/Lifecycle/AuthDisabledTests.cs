using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Lifecycle;

/// <summary><c>--auth disabled</c> (CONTRACT §2): no key, every request runs as root.</summary>
public sealed class AuthDisabledTests
{
    [Fact]
    public async Task AuthDisabled_NoCredentials_RunsAsRootAndPrintsNoKey()
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { Auth = "disabled", ExpectRootKey = false });
        var anonymous = node.Anonymous;
        var path = TestPaths.Unique("open") + "/doc.txt";

        var put = await anonymous.PutFileAsync(path, Encoding.UTF8.GetBytes("no auth needed"), "text/plain");
        Assert.Equal(path, put.GetProperty("path").GetString());

        using (var response = await anonymous.GetAsync("/files" + path))
        {
            Assert.Equal("no auth needed", Encoding.UTF8.GetString(await Expect.BytesAsync(response, HttpStatusCode.OK)));
        }

        using (var response = await anonymous.GetAsync("/files/"))
        {
            await Expect.JsonAsync(response, HttpStatusCode.OK);
        }

        // Even root cannot see the system namespace.
        using (var response = await anonymous.GetAsync("/files/.aeordb-system/config/jwt_signing_key"))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
        }

        await node.StopAsync();
        Assert.Contains("Auth: disabled (dev mode)", node.Output.Stdout);
        Assert.DoesNotContain("aeor_k_", node.Output.StdoutText, StringComparison.Ordinal);
    }
}
