using AeorDb.Grains.Services.Collection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AeorDb.Tests.Services.Collection;

/// <summary>What a collection must spare although no tree references it yet.</summary>
public sealed class InFlightObjectsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Protected_PutChunkAndVersion_KeepsBothUntilCommitted()
    {
        var objects = new InFlightObjects(_time);
        var chunk = Hash(1);
        var version = Hash(2);
        objects.Put(chunk);
        objects.PutVersion(version, [Convert.ToHexStringLower(chunk)]);

        Assert.Contains(ObjectKey.From(chunk), objects.Protected());
        Assert.Contains(ObjectKey.From(version), objects.Protected());

        objects.Committed([Convert.ToHexStringLower(version)], []);

        Assert.Empty(objects.Protected());
    }

    [Fact]
    public void Protected_DuringCollection_KeepsWhatWasCommittedSinceItBegan()
    {
        var objects = new InFlightObjects(_time);
        var version = Hash(3);
        var directory = Hash(4);
        objects.BeginCollection(TimeSpan.FromHours(1));
        objects.PutVersion(version, []);
        objects.Committed([Convert.ToHexStringLower(version)], [directory]);

        var kept = objects.Protected();
        Assert.Contains(ObjectKey.From(version), kept);
        Assert.Contains(ObjectKey.From(directory), kept);

        objects.EndCollection();
        Assert.Empty(objects.Protected());
    }

    [Fact]
    public void BeginCollection_EntryOlderThanProtection_IsForgotten()
    {
        var objects = new InFlightObjects(_time);
        var abandoned = Hash(5);
        objects.Put(abandoned);
        _time.Advance(TimeSpan.FromHours(7));
        var fresh = Hash(6);
        objects.Put(fresh);

        objects.BeginCollection(TimeSpan.FromHours(6));

        var kept = objects.Protected();
        Assert.DoesNotContain(ObjectKey.From(abandoned), kept);
        Assert.Contains(ObjectKey.From(fresh), kept);
    }

    [Fact]
    public void BeginCollection_WhileOneRuns_Throws()
    {
        var objects = new InFlightObjects(_time);
        objects.BeginCollection(TimeSpan.FromHours(1));

        Assert.Throws<InvalidOperationException>(() => objects.BeginCollection(TimeSpan.FromHours(1)));
    }

    private static byte[] Hash(byte seed)
    {
        var hash = new byte[32];
        hash[0] = seed;
        hash[31] = (byte)(seed * 7);
        return hash;
    }
}
