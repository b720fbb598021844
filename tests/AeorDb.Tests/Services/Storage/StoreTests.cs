using Xunit;

namespace AeorDb.Tests.Services.Storage;

/// <summary>Base of the store test classes: one <see cref="StoreFixture"/> per test, disposed (stores closed, temp files and databases dropped) after it.</summary>
public abstract class StoreTests : IAsyncLifetime
{
    private protected StoreFixture Fixture { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Fixture.DisposeAsync();
}
