using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Paths;
using Microsoft.Extensions.Options;
using Xunit;

namespace AeorDb.Tests.Services.Paths;

public sealed class GlobLimitsTests
{
    [Fact]
    public void ValidateGlob_MoreAlternativesThanLimit_Refused()
    {
        var rules = Rules(new GlobOptions { MaxAlternatives = 8 });

        Assert.Null(rules.ValidateGlob("/{a,b}/{c,d}/{e,f}"));
        var problem = rules.ValidateGlob("/{a,b,c}/{d,e,f}");

        Assert.NotNull(problem);
        Assert.Contains("alternatives", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateGlob_AlternativesLongerThanLimitTogether_Refused()
    {
        var rules = Rules(new GlobOptions { MaxExpandedLength = 100 });
        var segment = new string('x', 30);

        Assert.Null(rules.ValidateGlob($"/{{{segment},{segment}}}"));
        Assert.NotNull(rules.ValidateGlob($"/{{{segment},{segment},{segment},{segment}}}"));
    }

    [Fact]
    public void GlobMatches_OversizedGlob_NeverMatchesAndIsNotCached()
    {
        var rules = new PathRules();
        var glob = "/" + new string('a', 7 * 1024);

        Assert.False(rules.GlobMatches(glob, glob));
        Assert.Contains("too long", rules.ValidateGlob(glob), StringComparison.Ordinal);
        Assert.Equal(0, rules.Globs.Count);
    }

    [Fact]
    public void GlobCache_ManyHeavyGlobs_StaysWithinItsByteBudget()
    {
        const long budget = 256 * 1024;
        var rules = Rules(new GlobOptions { CacheBytes = budget });

        for (var i = 0; i < 500; i++)
        {
            // 64 alternatives of ~18 characters each: about 20 KB compiled.
            var glob = $"/d{i}/" + string.Concat(Enumerable.Range(0, 2).Select(_ => "{a,b,c,d}")) + "/{x,y,z,w}*.txt";
            Assert.Null(rules.ValidateGlob(glob));
            Assert.True(rules.GlobMatches(glob, $"/d{i}/ab/x1.txt"));
        }

        Assert.InRange(rules.Globs.Bytes, 1, budget);
        Assert.True(rules.Globs.Count < 500, $"all {rules.Globs.Count} globs were kept");
        Assert.True(rules.GlobMatches("/d0/{a,b,c,d}{a,b,c,d}/{x,y,z,w}*.txt", "/d0/dd/w.txt"));
    }

    [Fact]
    public void GlobCache_GlobHeavierThanBudget_StillMatches()
    {
        var rules = Rules(new GlobOptions { CacheBytes = 512 });
        var glob = "/{a,b,c,d,e,f,g,h}/{i,j,k,l,m,n,o,p}/**";

        Assert.True(rules.GlobMatches(glob, "/h/p/q"));
        Assert.Equal(0, rules.Globs.Count);
    }

    [Fact]
    public void Evaluate_StoredRuleNoLongerCompiling_DeniesInsteadOfFallingThrough()
    {
        var rules = Rules(new GlobOptions { MaxAlternatives = 4 });
        KeyRule[] keyRules = [new("/{a,b,c,d,e,f}/**", "--------"), new("**", "crudlify")];

        Assert.Equal(RuleDecision.Denied, rules.Evaluate(keyRules, "/a/secret.txt", Operation.Read));
        Assert.Equal(RuleDecision.Denied, rules.Evaluate(keyRules, "/z/other.txt", Operation.Read));
        Assert.Equal(RuleDecision.Allowed, rules.Evaluate([new("/{a,b}/**", "--------"), new("**", "crudlify")], "/z/other.txt", Operation.Read));
    }

    private static PathRules Rules(GlobOptions options) => new(Options.Create(options));
}
