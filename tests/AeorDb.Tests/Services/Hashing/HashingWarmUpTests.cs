using AeorDb.Grains.Services.Hashing;
using AeorDb.Tests.TestSupport;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AeorDb.Tests.Services.Hashing;

public sealed class HashingWarmUpTests
{
    private static readonly HashingWarmUpOptions Settings = new() { Rounds = 3, Pause = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task Execute_StoppedBeforeTheHostStarted_EndsWithoutHashing()
    {
        var (lifetime, time, warmUp) = Create();
        await warmUp.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(warmUp.ExecuteTask!.IsCompleted);
        await warmUp.StopAsync(CancellationToken.None);
        // Canceled when the host stopped before the service's task even ran; never faulted.
        Assert.True(warmUp.ExecuteTask.IsCompleted);
        Assert.False(warmUp.ExecuteTask.IsFaulted);
        GC.KeepAlive(lifetime);
    }

    [Fact]
    public async Task Execute_AfterTheHostStarted_HashesItsRoundsAndEnds()
    {
        var (lifetime, time, warmUp) = Create();
        await warmUp.StartAsync(CancellationToken.None);

        lifetime.NotifyStarted();

        // Each round waits one pause on the fake clock; the clock moves only while the warm-up still runs.
        var ended = await Poll.UntilAsync(
            () =>
            {
                if (warmUp.ExecuteTask!.IsCompleted)
                {
                    return true;
                }

                time.Advance(Settings.Pause);
                return false;
            },
            TimeSpan.FromSeconds(30));

        Assert.True(ended);
        Assert.True(warmUp.ExecuteTask!.IsCompletedSuccessfully);
        Assert.True(time.GetUtcNow() - time.Start >= Settings.Pause * Settings.Rounds);
        await warmUp.StopAsync(CancellationToken.None);
    }

    private static (ApplicationLifetime Lifetime, FakeTimeProvider Time, HashingWarmUp WarmUp) Create()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var time = new FakeTimeProvider();
        return (lifetime, time, new HashingWarmUp(lifetime, Options.Create(Settings), time));
    }
}
