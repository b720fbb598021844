using AeorDb.Grains.Services.Paths;
using Xunit;

namespace AeorDb.Tests.Services.Paths;

public sealed class GlobPatternTests
{
    private readonly PathRules _rules = new();

    [Theory]
    // CONTRACT §1.6 examples.
    [InlineData("/assets/**", "/assets/", true)]
    [InlineData("/assets/**", "/assets/x", true)]
    [InlineData("/assets/**", "/assets/x/y", true)]
    [InlineData("/assets/**", "/assets", false)]
    [InlineData("/assets/**", "/assetsx/y", false)]
    [InlineData("**", "/", true)]
    [InlineData("**", "/a", true)]
    [InlineData("**", "/a/b/c", true)]
    [InlineData("/a/*", "/a/x", true)]
    [InlineData("/a/*", "/a/x/y", false)]
    [InlineData("/a/*", "/a/", true)]
    [InlineData("/a/*", "/a", false)]
    // Whole path, case-sensitive.
    [InlineData("/a/b", "/a/b", true)]
    [InlineData("/a/b", "/a/b/c", false)]
    [InlineData("/a/b", "/x/a/b", false)]
    [InlineData("/A/b", "/a/b", false)]
    [InlineData("a/b", "/a/b", false)]
    // Single star and question mark stay in one segment.
    [InlineData("/*.txt", "/notes.txt", true)]
    [InlineData("/*.txt", "/dir/notes.txt", false)]
    [InlineData("/a*b", "/ab", true)]
    [InlineData("/a*b", "/a/b", false)]
    [InlineData("/?", "/x", true)]
    [InlineData("/?", "/xy", false)]
    [InlineData("/a?b", "/a/b", false)]
    [InlineData("/?", "/😀", true)]
    // Globstar in every position.
    [InlineData("/**", "/", true)]
    [InlineData("/**", "/a/b", true)]
    [InlineData("**/x.txt", "/x.txt", true)]
    [InlineData("**/x.txt", "/a/b/x.txt", true)]
    [InlineData("**/x.txt", "/a/bx.txt", false)]
    [InlineData("/a/**/b", "/a/b", true)]
    [InlineData("/a/**/b", "/a/x/b", true)]
    [InlineData("/a/**/b", "/a/x/y/b", true)]
    [InlineData("/a/**/b", "/a/xb", false)]
    [InlineData("/a/**/*.md", "/a/x/y/z.md", true)]
    [InlineData("/a/***", "/a/x/y", true)]
    // A double star not filling a segment is a single star.
    [InlineData("/a**", "/abc", true)]
    [InlineData("/a**", "/a/b", false)]
    [InlineData("/**b", "/xb", true)]
    [InlineData("/**b", "/x/b", false)]
    // Classes.
    [InlineData("/[abc]", "/b", true)]
    [InlineData("/[abc]", "/d", false)]
    [InlineData("/[a-z]1", "/q1", true)]
    [InlineData("/[a-z]1", "/Q1", false)]
    [InlineData("/[!x]", "/y", true)]
    [InlineData("/[!x]", "/x", false)]
    [InlineData("/[^x]", "/y", true)]
    [InlineData("/[^x]", "/x", false)]
    [InlineData("/a[!x]b", "/a/b", false)]
    [InlineData("/[]]", "/]", true)]
    [InlineData("/[!]]", "/]", false)]
    [InlineData("/[a-]", "/-", true)]
    [InlineData("/[\\]x]", "/]", true)]
    [InlineData("/[{,}]", "/,", true)]
    [InlineData("/[.]", "/.", true)]
    [InlineData("/[.]", "/a", false)]
    // Alternation, nested, across segments.
    [InlineData("/{a,b}", "/a", true)]
    [InlineData("/{a,b}", "/b", true)]
    [InlineData("/{a,b}", "/c", false)]
    [InlineData("/x.{png,jp{e,}g}", "/x.jpeg", true)]
    [InlineData("/x.{png,jp{e,}g}", "/x.jpg", true)]
    [InlineData("/x.{png,jp{e,}g}", "/x.gif", false)]
    [InlineData("{/a/**,/b}", "/a/c/d", true)]
    [InlineData("{/a/**,/b}", "/b", true)]
    [InlineData("{/a/**,/b}", "/b/c", false)]
    [InlineData("/x/{a,b/**}", "/x/b/c", true)]
    [InlineData("/{}", "/", true)]
    [InlineData("/a,b", "/a,b", true)]
    [InlineData("/a}", "/a}", true)]
    // Negation.
    [InlineData("!/secret/**", "/public/x", true)]
    [InlineData("!/secret/**", "/secret/x", false)]
    [InlineData("!!/a", "/a", true)]
    [InlineData("!**", "/a", false)]
    // Escapes.
    [InlineData("/\\*", "/*", true)]
    [InlineData("/\\*", "/a", false)]
    [InlineData("/\\?", "/?", true)]
    [InlineData("/\\[a]", "/[a]", true)]
    [InlineData("/\\{a,b}", "/{a,b}", true)]
    [InlineData("\\!/a", "!/a", true)]
    [InlineData("/a\\\\b", "/a\\b", true)]
    [InlineData("/a\\/**", "/a/b/c", true)]
    // Regex metacharacters are literal.
    [InlineData("/a.b", "/axb", false)]
    [InlineData("/a+b(c)|$^", "/a+b(c)|$^", true)]
    [InlineData("/a b", "/a b", true)]
    [InlineData("/x\ny", "/x\ny", true)]
    public void GlobMatches_PatternAndPath_MatchesAsContract(string glob, string path, bool expected)
    {
        Assert.Equal(expected, _rules.GlobMatches(glob, path));
    }

    [Theory]
    [InlineData("/[abc")]
    [InlineData("/[!]")]
    [InlineData("/{a,b")]
    [InlineData("/a\\")]
    [InlineData("/[z-a]")]
    [InlineData("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}")]
    public void ValidateGlob_Malformed_GivesReasonAndNeverMatches(string glob)
    {
        Assert.NotNull(_rules.ValidateGlob(glob));
        Assert.False(_rules.GlobMatches(glob, "/a"));
        Assert.False(_rules.GlobMatches(glob, glob));
    }

    [Fact]
    public void ValidateGlob_EmptyOrTooLong_Refused()
    {
        Assert.NotNull(_rules.ValidateGlob(string.Empty));
        Assert.NotNull(_rules.ValidateGlob("/" + new string('a', new GlobOptions().MaxBytes)));
        Assert.NotNull(_rules.ValidateGlob("/" + new string('é', 512)));
        Assert.Null(_rules.ValidateGlob("/" + new string('a', new GlobOptions().MaxBytes - 1)));
    }

    [Theory]
    [InlineData("**")]
    [InlineData("/assets/**")]
    [InlineData("/a/{b,c}/[!x]*.txt")]
    [InlineData("!/secret/**")]
    [InlineData("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}")]
    public void ValidateGlob_WellFormed_Accepted(string glob)
    {
        Assert.Null(_rules.ValidateGlob(glob));
    }

    [Fact]
    public void GlobMatches_HostilePattern_StaysFast()
    {
        var glob = "/" + string.Concat(Enumerable.Repeat("*a", 100)) + "b";
        var path = "/" + new string('a', 5000);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.False(_rules.GlobMatches(glob, path));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void GlobMatches_ManyDistinctGlobs_CacheStaysBoundedAndCorrect()
    {
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(_rules.GlobMatches($"/d{i}/*", $"/d{i}/x"));
        }

        Assert.True(_rules.GlobMatches("/d0/*", "/d0/y"));
    }

    [Fact]
    public async Task GlobMatches_ConcurrentCallers_AgreeWithSequential()
    {
        var globs = Enumerable.Range(0, 200).Select(i => $"/g{i % 50}/**").ToArray();

        var results = await Task.WhenAll(globs.Select(g => Task.Run(() => _rules.GlobMatches(g, g.Replace("**", "x", StringComparison.Ordinal)))));

        Assert.All(results, Assert.True);
    }
}
