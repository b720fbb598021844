using AeorDb.Grains.Services.Storage;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

public sealed class WriteBudgetTests
{
    [Fact]
    public async Task Acquire_OverBudget_WaitsUntilReleased()
    {
        var budget = new WriteBudget(100);
        await budget.AcquireAsync(80, CancellationToken.None);

        var second = budget.AcquireAsync(40, CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);

        budget.Release(80);
        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Acquire_LargerThanBudget_AdmittedWhenBudgetIsFree()
    {
        var budget = new WriteBudget(100);

        await budget.AcquireAsync(500, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        var next = budget.AcquireAsync(1, CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);
        budget.Release(500);
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Acquire_CancelledWaiter_DoesNotBlockLaterWaiters()
    {
        var budget = new WriteBudget(100);
        await budget.AcquireAsync(100, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = budget.AcquireAsync(100, cancel.Token).AsTask();
        var later = budget.AcquireAsync(10, CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        budget.Release(100);

        await later.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
