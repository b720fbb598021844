using AeorDb.Grains.Services.Paths;
using Xunit;

namespace AeorDb.Tests.Services.Paths;

public sealed class CanonicalPathTests
{
    private readonly PathRules _rules = new();

    [Theory]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("//", "/")]
    [InlineData("a/b", "/a/b")]
    [InlineData("/a/b", "/a/b")]
    [InlineData("/a/b/", "/a/b")]
    [InlineData("a//b///c", "/a/b/c")]
    [InlineData("./a/./b/.", "/a/b")]
    [InlineData("a/../b", "/b")]
    [InlineData("a/b/..", "/a")]
    [InlineData("..", "/")]
    [InlineData("../../etc/passwd", "/etc/passwd")]
    [InlineData("/a/../../../b", "/b")]
    [InlineData("a/b/../../..", "/")]
    [InlineData("...", "/...")]
    [InlineData("a/..b/c..", "/a/..b/c..")]
    [InlineData("a\0/b\0", "/a/b")]
    [InlineData("\0", "/")]
    [InlineData(".\0./x", "/x")]
    [InlineData("  /a/b  ", "/a/b")]
    [InlineData("\t/a\n", "/a")]
    [InlineData(" \0 a", "/a")]
    [InlineData("/a b/ c ", "/a b/ c")]
    [InlineData("/A/B", "/A/B")]
    [InlineData("a\\b", "/a\\b")]
    public void Canonicalize_Input_GivesCanonicalPath(string raw, string expected)
    {
        Assert.Equal(expected, _rules.Canonicalize(raw));
    }

    [Fact]
    public void Canonicalize_AlreadyCanonical_ReturnsSameInstance()
    {
        var path = "/already/canonical.txt";

        Assert.Same(path, _rules.Canonicalize(path));
    }

    [Theory]
    [InlineData("/.aeordb-system", true)]
    [InlineData("/.aeordb-system/users/x", true)]
    [InlineData("/.aeordb-config", true)]
    [InlineData("/.aeordb-config/cors.json", true)]
    [InlineData("/.aeordb-systemx", false)]
    [InlineData("/.aeordb-configs/x", false)]
    [InlineData("/dir/.aeordb-config", false)]
    [InlineData("/dir/.aeordb-config/indexes.json", false)]
    [InlineData("/dir/.aeordb-system", false)]
    [InlineData("/.aeordb-conflicts/x", false)]
    [InlineData("/", false)]
    [InlineData("/a", false)]
    public void IsHiddenAndIsSystem_Path_OnlyRootLevelReservedNamespaces(string path, bool hidden)
    {
        Assert.Equal(hidden, _rules.IsHidden(path));
        Assert.Equal(hidden, _rules.IsSystem(path));
    }

    [Theory]
    [InlineData("/", "/", "")]
    [InlineData("/a", "/", "a")]
    [InlineData("/a/b", "/a", "b")]
    [InlineData("/a/b/c.txt", "/a/b", "c.txt")]
    public void ParentAndName_Path_SplitAtLastSlash(string path, string parent, string name)
    {
        Assert.Equal(parent, _rules.Parent(path));
        Assert.Equal(name, _rules.Name(path));
    }
}
