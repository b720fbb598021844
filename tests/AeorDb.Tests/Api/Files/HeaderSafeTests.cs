using AeorDb.Api.Files;
using Xunit;

namespace AeorDb.Tests.Api.Files;

/// <summary>Header values carry visible ASCII only (<see cref="FileReads.HeaderSafe"/>).</summary>
public sealed class HeaderSafeTests
{
    [Fact]
    public void HeaderSafe_VisibleAscii_ReturnsSameString()
    {
        const string path = "/docs/a b~!.txt";

        Assert.Same(path, FileReads.HeaderSafe(path));
    }

    [Theory]
    [InlineData("/a\u0001b\tc\u007f", "/abc")]
    [InlineData("/caf\u00e9", "/caf%C3%A9")]
    [InlineData("/\ud83d\ude00\n", "/%F0%9F%98%80")]
    public void HeaderSafe_ControlsOrNonAscii_DropsControlsAndPercentEncodes(string value, string expected)
    {
        Assert.Equal(expected, FileReads.HeaderSafe(value));
    }
}
