using AeorDb.Api;
using AeorDb.Api.Health;
using AeorDb.Tests.Api.Files;
using AeorDb.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AeorDb.Tests.Api.Health;

/// <summary>The store probe behind <c>/health/ready</c> and <c>/system/health</c>'s durability rule, as a plain class.</summary>
public sealed class StoreProbeTests
{
    [Fact]
    public async Task Check_WritableDirectory_IsWritableAndLeavesNoFile()
    {
        using var directory = new TempDirectory();
        var probe = Probe(directory.Path, new FakeTimeProvider());

        var result = await probe.CheckAsync();

        Assert.True(result.Writable, result.Description);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Fact]
    public async Task Check_DirectoryCannotTakeFiles_IsNotWritable()
    {
        using var directory = new TempDirectory();
        var notADirectory = directory.Combine("file");
        await File.WriteAllTextAsync(notADirectory, "a file where the database directory should be");

        var result = await Probe(notADirectory, new FakeTimeProvider()).CheckAsync();

        Assert.False(result.Writable);
        Assert.Contains("does not take writes", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithinCacheTime_ReusesTheAnswerThenProbesAgain()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider();
        var probe = Probe(directory.Path, time);
        Assert.True((await probe.CheckAsync()).Writable);

        Directory.Delete(directory.Path);
        Assert.True((await probe.CheckAsync()).Writable);

        time.Advance(TimeSpan.FromSeconds(3));
        Assert.False((await probe.CheckAsync()).Writable);
    }

    private static StoreProbe Probe(string directory, TimeProvider time) =>
        new(
            new MemoryObjectStore(),
            Options.Create(new ApiOptions { DataDirectory = directory }),
            Options.Create(new HealthOptions { StoreProbeCacheTime = TimeSpan.FromSeconds(2) }),
            time);
}
