using AeorDb.Grains.Services.Peers;
using Xunit;

namespace AeorDb.Tests.Services.Peers;

/// <summary>CONTRACT §6.5: <c>min(30·2^min(f−1,8), 300)</c> s ±10 %, with the 30 s base as a parameter.</summary>
public sealed class SyncBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(5, 300)]
    [InlineData(9, 300)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    public void Delay_ProductionBase_FollowsTheContractFormula(int failures, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SyncBackoff.Delay(failures, Base));

    [Fact]
    public void Delay_ScaledBase_ScalesInProportion()
    {
        var shrunk = TimeSpan.FromMilliseconds(500);
        for (var failures = 1; failures < 20; failures++)
        {
            Assert.Equal(SyncBackoff.Delay(failures, Base).TotalMilliseconds / 60, SyncBackoff.Delay(failures, shrunk).TotalMilliseconds, precision: 6);
        }
    }

    [Theory]
    [InlineData(-1, 270)]
    [InlineData(0, 300)]
    [InlineData(1, 330)]
    [InlineData(-5, 270)]
    [InlineData(5, 330)]
    public void WithJitter_StaysWithinTenPercent(double unit, double expectedSeconds) =>
        Assert.Equal(expectedSeconds, SyncBackoff.WithJitter(6, Base, unit).TotalSeconds, precision: 6);
}
