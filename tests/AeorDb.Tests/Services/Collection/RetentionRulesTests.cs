using AeorDb.Grains.Services.Collection;
using Xunit;

namespace AeorDb.Tests.Services.Collection;

/// <summary>Which past roots and versions a collection keeps.</summary>
public sealed class RetentionRulesTests
{
    private const long Now = 10_000_000_000;

    [Fact]
    public void KeepsRoot_RetentionZero_KeepsOnlyHead()
    {
        var rules = new RetentionRules(new GarbageCollectionOptions { KeepVersions = 0, KeepAge = TimeSpan.Zero }, Now);

        Assert.True(rules.KeepsRoot(0, 0));
        Assert.False(rules.KeepsRoot(1, Now));
        Assert.True(rules.KeepsVersion(0, 0));
        Assert.False(rules.KeepsVersion(1, Now));
    }

    [Fact]
    public void KeepsVersion_ByCountOrByAge_EitherKeeps()
    {
        var rules = new RetentionRules(new GarbageCollectionOptions { KeepVersions = 2, KeepAge = TimeSpan.FromDays(1) }, Now);
        var dayAgo = Now - (long)TimeSpan.FromDays(1).TotalMilliseconds;

        Assert.True(rules.KeepsVersion(2, 0));
        Assert.False(rules.KeepsVersion(3, dayAgo - 1));
        Assert.True(rules.KeepsVersion(30, dayAgo));
        Assert.True(rules.KeepsRoot(100, Now - 5));
    }

    [Fact]
    public void KeepsHistoryRow_PastSixteen_Dropped()
    {
        Assert.True(RetentionRules.KeepsHistoryRow(15));
        Assert.False(RetentionRules.KeepsHistoryRow(16));
    }
}
