using System.Globalization;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Sync.Identity;
using NSec.Cryptography;
using Xunit;

namespace AeorDb.Tests.Api.Auth;

/// <summary>Issue 13 item 6 at the service level: the audience rule of tokens, and the node id proof peers give.</summary>
public sealed class PeerTokenAudienceTests
{
    private static readonly string Self = AuthTestHost.NodeId.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("sync", "self", true)]
    [InlineData("sync", "9999", false)]
    [InlineData("sync", null, false)]
    [InlineData(null, "9999", false)]
    [InlineData(null, "self", true)]
    [InlineData(null, null, true)]
    public async Task Token_Audience_IsAcceptedOnlyWhenItNamesThisNode(string? scope, string? audience, bool accepted)
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, scope, TimeSpan.FromMinutes(1), audience == "self" ? Self : audience).Token;

        var (result, _) = await host.AuthenticateAsync(token, "/sync/diff");

        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task Token_AudienceArrayNamingThisNodeAndAnother_IsRefused()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Sign($$"""{"sub":"00000000-0000-0000-0000-000000000000","iss":"aeordb","iat":{{host.NowSeconds}},"exp":{{host.NowSeconds + 60}},"scope":"sync","aud":["{{Self}}","9999"]}""");

        var (result, _) = await host.AuthenticateAsync(token, "/sync/diff");

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void IdentityProof_VerifiesOnlyForTheSameKeyNonceAndNodeId()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        var nonce = PeerIdentityProof.NewNonce();
        var signature = PeerIdentityProof.Sign(key, nonce, 77);

        Assert.True(PeerIdentityProof.Verify(key.PublicKey, nonce, 77, signature));
        Assert.False(PeerIdentityProof.Verify(key.PublicKey, nonce, 78, signature));
        Assert.False(PeerIdentityProof.Verify(key.PublicKey, PeerIdentityProof.NewNonce(), 77, signature));
        Assert.False(PeerIdentityProof.Verify(other.PublicKey, nonce, 77, signature));
    }

    [Theory]
    [InlineData("https://node.example:6830", false, true)]
    [InlineData("http://127.0.0.1:6830", false, true)]
    [InlineData("http://localhost:6830", false, true)]
    [InlineData("http://[::1]:6830", false, true)]
    [InlineData("http://node.example:6830", false, false)]
    [InlineData("http://node.example:6830", true, true)]
    [InlineData("ftp://node.example", true, false)]
    public void AddressPolicy_HttpsOrLoopbackUnlessAllowed(string address, bool allowInsecure, bool accepted) =>
        Assert.Equal(accepted, PeerAddressPolicy.Problem(address, allowInsecure) is null);
}
