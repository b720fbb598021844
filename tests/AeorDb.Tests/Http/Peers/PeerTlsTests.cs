using System.Net;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>
/// <c>https://</c> peers: two nodes serving HTTPS with a certificate from a CA made in the test, trusted for peer
/// connections through <c>--peer-ca-file</c>, join and replicate; without the CA file the join is refused.
/// </summary>
public sealed class PeerTlsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Tls_TwoNodesTrustingTheTestCa_JoinOverHttpsAndReplicate_WithoutTheCaTheJoinFails()
    {
        using var directory = new TempDirectory();
        using var certificates = TestCertificates.Create(directory.Path);
        string[] tls = ["--tls-cert", certificates.CertificatePath, "--tls-key", certificates.KeyPath];
        string[] arguments = [.. JoinedPair.FastPeers, "--sync-interval-ms", "500", "--sync-debounce-ms", "50", .. tls, "--peer-ca-file", certificates.CaPath];

        await using var a = await AeorDbNode.StartAsync(new NodeOptions { TrustedAuthority = certificates.Authority, AdvertiseSelf = true, ExtraArguments = arguments });
        var memberUrl = a.BaseUrl.ToString().TrimEnd('/');
        Assert.StartsWith("https://", memberUrl);

        // Without the CA file the member's certificate is not trusted: the join fails and says why.
        using var untrustedDirectory = new TempDirectory();
        var untrusted = await CliRun.RunAsync(
            untrustedDirectory.Path,
            ["start", "-D", untrustedDirectory.Combine("node.aeordb"), "--host", "127.0.0.1", "--port", FreePort.Next().ToString(),
             "--silo-port", FreePort.Next().ToString(), "--gateway-port", FreePort.Next().ToString(), .. tls,
             "--join", memberUrl, "--join-token", a.RootKey!, "--advertise-url", "https://127.0.0.1:1"],
            timeout: TimeSpan.FromSeconds(120));
        Assert.NotEqual(0, untrusted.ExitCode);
        Assert.Contains("cluster join failed: cannot reach", untrusted.Log.StderrText);

        await using var b = await AeorDbNode.StartAsync(new NodeOptions
        {
            TrustedAuthority = certificates.Authority,
            AdvertiseSelf = true,
            ExtraArguments = [.. arguments, "--join", memberUrl, "--join-token", a.RootKey!],
        });
        Assert.Contains("TLS: enabled", b.Output.Stdout);
        var root = PeerTokens.Mint(PeerTokens.ReadSigningSeed(a), scope: null);
        var (rootA, rootB) = (a.WithToken(root), b.WithToken(root));

        // Both list each other at their https:// addresses and turn active over TLS.
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootA, "active"), Deadline), "A never saw B active:\n" + a.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootB, "active"), Deadline), "B never saw A active:\n" + b.Output.StderrText);
        Assert.Equal(b.BaseUrl.ToString().TrimEnd('/'), (await JoinedPair.OnlyPeerAsync(rootA)).GetProperty("address").GetString());
        Assert.Equal(memberUrl, (await JoinedPair.OnlyPeerAsync(rootB)).GetProperty("address").GetString());

        await rootA.PutTextAsync("/tls/from-a.txt", "over https from A");
        await rootB.PutTextAsync("/tls/from-b.txt", "over https from B");
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(rootB, "/tls/from-a.txt", "over https from A"), Deadline), "A's write never reached B:\n" + b.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(rootA, "/tls/from-b.txt", "over https from B"), Deadline), "B's write never reached A:\n" + a.Output.StderrText);
    }

    private static async Task<bool> HasTextAsync(ApiClient client, string path, string expected)
    {
        using var response = await client.GetAsync("/files" + path);
        return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadAsStringAsync() == expected;
    }
}
