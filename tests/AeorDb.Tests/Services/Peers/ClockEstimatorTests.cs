using AeorDb.Grains.Services.Peers;
using Xunit;

namespace AeorDb.Tests.Services.Peers;

/// <summary>CONTRACT §6.3: the heartbeat clock maths.</summary>
public sealed class ClockEstimatorTests
{
    [Fact]
    public void Add_OffsetBeyond30Seconds_IsRejectedAndNeverSettles()
    {
        var clock = new ClockEstimator();
        for (var i = 0; i < 10; i++)
        {
            Assert.False(clock.Add(constructTime: 1_000_000 + 60_000, receive: 1_000_000));
        }

        Assert.Equal(0, clock.Samples);
        Assert.Equal(10, clock.Rejected);
        Assert.False(clock.IsSettled(5, 25));
        Assert.True(clock.Add(1_000_000 + 30_000, 1_000_000));
    }

    [Fact]
    public void Add_SteadyLowJitterSamples_SettlesAfterN()
    {
        var clock = new ClockEstimator();
        for (var i = 0; i < 4; i++)
        {
            clock.Add(10_000 * i, (10_000 * i) + 2);
            Assert.False(clock.IsSettled(5, 25));
        }

        clock.Add(50_000, 50_002);
        Assert.Equal(5, clock.Samples);
        Assert.True(clock.JitterMs < 25);
        Assert.True(clock.IsSettled(5, 25));
    }

    [Fact]
    public void Add_HighJitter_DoesNotSettle()
    {
        var clock = new ClockEstimator();
        for (var i = 0; i < 10; i++)
        {
            clock.Add(10_000 * i, (10_000 * i) + (i % 2 == 0 ? 0 : 200));
        }

        Assert.False(clock.IsSettled(5, 25));
    }

    [Fact]
    public void Add_AlphaIsHalfBeforeFiveSamplesThenOneFifth()
    {
        var clock = new ClockEstimator();

        // Peer 100 ms behind: raw = −100, wire = 100.
        clock.Add(900, 1_000);
        Assert.Equal(-50, clock.OffsetMs, 6);
        Assert.Equal(50, clock.WireMs, 6);
        Assert.Equal(50, clock.JitterMs, 6);

        for (var i = 0; i < 4; i++)
        {
            clock.Add(900, 1_000);
        }

        // After five samples at α 0.5: −100·(1 − 0.5⁵).
        Assert.Equal(-100 * (1 - Math.Pow(0.5, 5)), clock.OffsetMs, 6);
        var before = clock.OffsetMs;
        clock.Add(900, 1_000);
        Assert.Equal((before * 0.8) + (-100 * 0.2), clock.OffsetMs, 6);
        Assert.Equal(6, clock.Samples);
        Assert.Equal(1_000, clock.LastUpdated);
    }

    [Fact]
    public void Add_PeerAhead_GivesPositiveOffsetAndZeroWire()
    {
        var clock = new ClockEstimator();
        clock.Add(constructTime: 1_500, receive: 1_000);
        Assert.Equal(250, clock.OffsetMs, 6);
        Assert.Equal(0, clock.WireMs, 6);
    }

    [Theory]
    [InlineData("{\"event_type\":\"heartbeat\",\"payload\":{\"clock\":{\"intent_time\":0,\"construct_time\":123,\"node_id\":7}}}")]
    [InlineData("{\"event_type\":\"heartbeat\",\"payload\":{\"intent_time\":0,\"construct_time\":123,\"node_id\":7}}")]
    [InlineData("{\"clock\":{\"construct_time\":123,\"node_id\":7}}")]
    public void TryParseHeartbeat_NestedOrFlat_ReadsConstructTimeAndNodeId(string data)
    {
        Assert.True(PeerEventClient.TryParseHeartbeat(data, out var construct, out var nodeId));
        Assert.Equal(123, construct);
        Assert.Equal(7UL, nodeId);
    }
}
