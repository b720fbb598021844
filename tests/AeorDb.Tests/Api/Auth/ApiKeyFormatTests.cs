using AeorDb.Api.Auth.Keys;
using Xunit;

namespace AeorDb.Tests.Api.Auth;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void NewKey_HasContractShape_AndParsesToItsPrefix()
    {
        var keyId = Guid.NewGuid();
        var key = ApiKeyFormat.NewKey(keyId);

        Assert.Equal(88, key.Length);
        Assert.Matches("^aeor_k_[0-9a-f]{16}_[0-9a-f]{64}$", key);
        Assert.True(ApiKeyFormat.TryParseKey(key, out var prefix));
        Assert.Equal(keyId.ToString("N")[..16], prefix);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("aeor_r_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("aeor_k_0123456789abcdef_0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("aeor_k_0123456789abcdeF_0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("aeor_k_0123456789abcdef-0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("aeor_k_0123456789abcdef_0123456789abcdef0123456789abcdef0123456789abcdeg")]
    public void TryParseKey_Malformed_IsFalse(string? key) => Assert.False(ApiKeyFormat.TryParseKey(key, out _));

    [Fact]
    public void RefreshToken_HasContractShape_AndStoredIdIsSha256Hex()
    {
        var token = ApiKeyFormat.NewRefreshToken();

        Assert.Matches("^aeor_r_[0-9a-f]{64}$", token);
        Assert.True(ApiKeyFormat.IsRefreshToken(token));
        Assert.Matches("^[0-9a-f]{64}$", ApiKeyFormat.RefreshTokenId(token));
        Assert.False(ApiKeyFormat.IsRefreshToken(token[..^1]));
    }

    [Fact]
    public void Argon2_VerifiesItsOwnHash_AndRejectsOtherKeysAndBadRecords()
    {
        var hasher = new ApiKeyHasher(memoryKiB: 64, iterations: 1, parallelism: 1);
        var key = ApiKeyFormat.NewKey(Guid.NewGuid());
        var (hash, salt, parameters) = hasher.Hash(key);

        Assert.Equal("argon2id$m=64,t=1,p=1", parameters);
        Assert.True(ApiKeyHasher.Verify(key, hash, salt, parameters));
        Assert.False(ApiKeyHasher.Verify(key[..^1] + (key[^1] == '0' ? '1' : '0'), hash, salt, parameters));
        Assert.False(ApiKeyHasher.Verify(key, hash, salt, "argon2id$m=64,t=2,p=1"));
        Assert.False(ApiKeyHasher.Verify(key, "zz", salt, parameters));
        Assert.False(ApiKeyHasher.Verify(key, hash, salt, "argon2id$m=999999999,t=1,p=1"));
    }

    [Fact]
    public void RateLimiter_AllowsThirtyPerWindow_ThenRefusesUntilTheWindowEnds()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new TokenRateLimiter(30, TimeSpan.FromSeconds(60), time);

        for (var i = 0; i < 30; i++)
        {
            Assert.True(limiter.TryAcquire("0123456789abcdef"));
        }

        Assert.False(limiter.TryAcquire("0123456789abcdef"));
        Assert.True(limiter.TryAcquire("fedcba9876543210"));

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(limiter.TryAcquire("0123456789abcdef"));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire("0123456789abcdef"));
    }
}
