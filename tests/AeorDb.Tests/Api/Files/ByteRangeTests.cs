using AeorDb.Api.Files;
using Xunit;

namespace AeorDb.Tests.Api.Files;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-9", 0, 10)]
    [InlineData("bytes=5-", 5, 95)]
    [InlineData("bytes=-10", 90, 10)]
    [InlineData("bytes=-500", 0, 100)]
    [InlineData("bytes=90-500", 90, 10)]
    [InlineData("bytes=99-99", 99, 1)]
    public void Parse_SatisfiableRange_IsPartial(string header, long start, long length)
    {
        Assert.Equal(RangeKind.Partial, ByteRange.Parse(header, 100, out var range));
        Assert.Equal(new ByteRange(start, length), range);
    }

    [Theory]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("bytes=100-")]
    [InlineData("bytes=150-200")]
    [InlineData("bytes=9-5")]
    [InlineData("bytes=-0")]
    public void Parse_ContractUnsatisfiableCase_Is416(string header) =>
        Assert.Equal(RangeKind.Unsatisfiable, ByteRange.Parse(header, 100, out _));

    [Fact]
    public void Parse_AnyRangeOnEmptyBody_Is416() =>
        Assert.Equal(RangeKind.Unsatisfiable, ByteRange.Parse("bytes=0-", 0, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-5")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=-")]
    public void Parse_NoRangeOtherUnitOrGarbage_IsWhole(string? header)
    {
        Assert.Equal(RangeKind.Whole, ByteRange.Parse(header, 100, out var range));
        Assert.Equal(new ByteRange(0, 100), range);
    }

    [Fact]
    public void End_IsInclusiveLastByte() => Assert.Equal(19, new ByteRange(10, 10).End);
}
