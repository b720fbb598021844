using AeorDb.Api.Files;
using Xunit;

namespace AeorDb.Tests.Api.Files;

public sealed class PathCaptureTests
{
    [Theory]
    [InlineData("/files/a/b.txt", "a/b.txt", false)]
    [InlineData("/files/a/b/", "a/b/", true)]
    [InlineData("/files", "", false)]
    [InlineData("/files/", "", true)]
    [InlineData("/files/a%2Fb", "a/b", false)]
    [InlineData("/files/caf%C3%A9%20x.txt?limit=2", "café x.txt", false)]
    [InlineData("/files/a%3Fb#frag", "a?b", false)]
    [InlineData("/FILES/x", "x", false)]
    public void Decode_RawTarget_PercentDecodesAfterPrefix(string raw, string capture, bool trailingSlash) =>
        Assert.Equal((capture, trailingSlash), PathCapture.Decode(raw, "/files", "ignored"));

    [Fact]
    public void Decode_RawTargetWithoutPrefix_FallsBackToRouteValue() =>
        Assert.Equal(("a/b", false), PathCapture.Decode("http://host/elsewhere", "/files", "a/b"));

    [Fact]
    public void Decode_LongerSegmentSharingPrefix_IsNotTheRoute() =>
        Assert.Equal(("x", false), PathCapture.Decode("/filesystem/y", "/files", "x"));
}
