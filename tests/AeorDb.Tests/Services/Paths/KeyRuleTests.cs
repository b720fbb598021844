using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Paths;
using Xunit;

namespace AeorDb.Tests.Services.Paths;

public sealed class KeyRuleTests
{
    private static readonly KeyRule[] _productPage = [new("/assets/**", "-r--l---"), new("**", "--------")];

    private readonly PathRules _rules = new();

    [Theory]
    [InlineData("crudlify")]
    [InlineData("--------")]
    [InlineData("-r--l---")]
    [InlineData("c-u-l-f-")]
    public void ValidateFlags_WellFormed_Accepted(string flags)
    {
        Assert.Null(_rules.ValidateFlags(flags));
    }

    [Theory]
    [InlineData("")]
    [InlineData("crudlif")]
    [InlineData("crudlify-")]
    [InlineData("rcudlify")]
    [InlineData("CRUDLIFY")]
    [InlineData("-r--x---")]
    [InlineData("r-------")]
    [InlineData("________")]
    public void ValidateFlags_Malformed_GivesReason(string flags)
    {
        Assert.NotNull(_rules.ValidateFlags(flags));
    }

    [Fact]
    public void Evaluate_ProductPageExample_AssetsReadableAndListable()
    {
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(_productPage, "/assets/x", Operation.Read));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(_productPage, "/assets/x/y.png", Operation.Read));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(_productPage, "/assets/x", Operation.List));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(_productPage, "/assets", Operation.List));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(_productPage, "/", Operation.List));
    }

    [Fact]
    public void Evaluate_ProductPageExample_EverythingElseDenied()
    {
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(_productPage, "/other", Operation.Read));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(_productPage, "/other", Operation.List));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(_productPage, "/assetsx", Operation.Read));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(_productPage, "/assets/x", Operation.Create));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(_productPage, "/assets/x", Operation.Update));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(_productPage, "/assets/x", Operation.Delete));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(_productPage, "/assets", Operation.Delete));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(_productPage, "/", Operation.Create));
    }

    [Fact]
    public void ListingPermissions_ProductPageRoot_ShowsOnlyAssets()
    {
        Assert.Equal("-r--l---", _rules.ListingPermissions(_productPage, "/assets", Operation.List));
        Assert.Null(_rules.ListingPermissions(_productPage, "/other", Operation.List));
        Assert.Null(_rules.ListingPermissions(_productPage, "/assetsx", Operation.List));
        Assert.Equal("-r--l---", _rules.ListingPermissions(_productPage, "/assets/x", Operation.List));
    }

    [Fact]
    public void Evaluate_NoRules_NoLimit()
    {
        Assert.Equal(RuleDecision.NoRules, _rules.Evaluate([], "/anything", Operation.Delete));
        Assert.Equal("crudlify", _rules.ListingPermissions([], "/anything", Operation.List));
    }

    [Fact]
    public void Evaluate_FirstMatchWins_LaterGrantIgnored()
    {
        KeyRule[] rules = [new("/docs/private/**", "--------"), new("/docs/**", "crud----")];

        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/docs/private/a", Operation.Update));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/docs/public/a", Operation.Update));
    }

    [Fact]
    public void Evaluate_FirstMatchWins_LaterDenyIgnored()
    {
        KeyRule[] rules = [new("/docs/**", "crud----"), new("/docs/private/**", "--------")];

        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/docs/private/a", Operation.Update));
    }

    [Fact]
    public void Evaluate_RulesButNoMatch_Denied()
    {
        KeyRule[] rules = [new("/docs/**", "crudlify")];

        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/photos/a.jpg", Operation.Read));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/photos", Operation.List));
    }

    [Theory]
    [InlineData(Operation.Create, "c-------")]
    [InlineData(Operation.Read, "-r------")]
    [InlineData(Operation.Update, "--u-----")]
    [InlineData(Operation.Delete, "---d----")]
    [InlineData(Operation.List, "----l---")]
    [InlineData(Operation.Invoke, "-----i--")]
    [InlineData(Operation.Deploy, "------f-")]
    [InlineData(Operation.Configure, "-------y")]
    public void Evaluate_EachFlag_GrantsOnlyItsOperation(Operation granted, string flags)
    {
        KeyRule[] rules = [new("/x/**", flags)];

        foreach (var operation in Enum.GetValues<Operation>())
        {
            var expected = operation == granted ? RuleDecision.Allowed : RuleDecision.Denied;
            Assert.Equal(expected, _rules.Evaluate(rules, "/x/file", operation));
        }
    }

    [Fact]
    public void Evaluate_AncestorsOfTarget_ReadAndListOnly()
    {
        KeyRule[] rules = [new("/projects/alpha/docs/report.pdf", "-r------"), new("**", "--------")];

        foreach (var path in new[] { "/", "/projects", "/projects/alpha", "/projects/alpha/docs" })
        {
            Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, path, Operation.Read));
            Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, path, Operation.List));
            Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, path, Operation.Create));
            Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, path, Operation.Delete));
        }

        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/projects/alpha/docs/report.pdf", Operation.Read));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/projects/beta", Operation.List));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/projects/alph", Operation.List));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/projects/alpha/docs/other.pdf", Operation.Read));
    }

    [Fact]
    public void Evaluate_SingleFileDenyBeforeSubtreeGrant_FileDenied()
    {
        KeyRule[] rules = [new("/docs/secret.txt", "--------"), new("/docs/**", "-r--l---"), new("**", "--------")];

        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/docs/secret.txt", Operation.Read));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/docs/secret.txt", Operation.List));
        Assert.Null(_rules.ListingPermissions(rules, "/docs/secret.txt", Operation.List));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/docs/public.txt", Operation.Read));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/docs", Operation.List));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/", Operation.List));
    }

    [Fact]
    public void Evaluate_SubtreeDenyTarget_DirectoryNavigableContentsDenied()
    {
        KeyRule[] rules = [new("/docs/private/**", "--------"), new("/docs/**", "-r--l---")];

        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/docs/private", Operation.List));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/docs/private/a.txt", Operation.Read));
    }

    [Fact]
    public void Evaluate_WriteOnlyTarget_AncestorsNavigable()
    {
        KeyRule[] rules = [new("/inbox/**", "c-------")];

        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/", Operation.List));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/inbox", Operation.List));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/inbox/new.txt", Operation.Create));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/inbox/new.txt", Operation.Read));
        Assert.Null(_rules.ListingPermissions(rules, "/inbox/new.txt", Operation.List));
    }

    [Fact]
    public void Evaluate_WildcardSegment_NavigationStopsAtLiteralPrefix()
    {
        KeyRule[] rules = [new("/users/*/public/**", "-r--l---")];

        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/users", Operation.List));
        Assert.Equal(RuleDecision.Allowed, _rules.Evaluate(rules, "/users/ann/public/a", Operation.Read));
        Assert.Equal(RuleDecision.Denied, _rules.Evaluate(rules, "/users/ann", Operation.List));
    }

    [Theory]
    [InlineData("/assets/**", "/assets")]
    [InlineData("/assets/", "/assets")]
    [InlineData("/assets//**//", "/assets")]
    [InlineData("/assets/****", "/assets")]
    [InlineData("/a/b.txt", "/a/b.txt")]
    [InlineData("/**", "")]
    [InlineData("/a/*", "/a/*")]
    public void RuleTarget_Glob_TrimsTrailingSlashesAndGlobstar(string glob, string target)
    {
        Assert.Equal(target, PathRules.RuleTarget(glob));
    }

    [Fact]
    public void ListingPermissions_ExplicitRule_KeepsItsFlagsOnlyWhenGranting()
    {
        KeyRule[] rules =
        [
            new("/data/public.txt", "-r--l---"),
            new("/data/private.txt", "-r------"),
            new("/data/**", "crudl---"),
            new("**", "--------"),
        ];

        Assert.Equal("-r--l---", _rules.ListingPermissions(rules, "/data/public.txt", Operation.List));
        Assert.Null(_rules.ListingPermissions(rules, "/data/private.txt", Operation.List));
        Assert.Equal("-r------", _rules.ListingPermissions(rules, "/data/private.txt", Operation.Read));
        Assert.Equal("crudl---", _rules.ListingPermissions(rules, "/data/other", Operation.List));
        Assert.Equal("-r--l---", _rules.ListingPermissions(rules, "/data", Operation.List));
        Assert.Null(_rules.ListingPermissions(rules, "/elsewhere", Operation.List));
    }

    [Fact]
    public void ListingPermissions_SlashGlobstarRule_IsExplicit()
    {
        KeyRule[] rules = [new("/**", "----l---")];

        Assert.Equal("----l---", _rules.ListingPermissions(rules, "/a", Operation.List));
        Assert.Null(_rules.ListingPermissions(rules, "/a", Operation.Read));
    }

    [Fact]
    public void ListingPermissions_OnTheWayToDeepTarget_NavigationFlags()
    {
        KeyRule[] rules = [new("/test/subdir/deep/file.txt", "-r--l---"), new("**", "--------")];

        Assert.Equal("-r--l---", _rules.ListingPermissions(rules, "/test", Operation.List));
        Assert.Equal("-r--l---", _rules.ListingPermissions(rules, "/test/subdir", Operation.List));
        Assert.Equal("-r--l---", _rules.ListingPermissions(rules, "/test/subdir/deep", Operation.List));
        Assert.Equal("-r--l---", _rules.ListingPermissions(rules, "/test/subdir/deep/file.txt", Operation.List));
        Assert.Null(_rules.ListingPermissions(rules, "/test/other", Operation.List));
        Assert.Null(_rules.ListingPermissions(rules, "/other", Operation.List));
    }

    [Fact]
    public void Grants_FlagPositions_MatchOperationOrder()
    {
        Assert.True(PathRules.Grants("crudlify", Operation.Configure));
        Assert.False(PathRules.Grants("crudlif-", Operation.Configure));
        Assert.False(PathRules.Grants("-r", Operation.List));
    }
}
