using AeorDb.Grains.Interfaces.Models;
using AeorDb.Tests.TestSupport;
using Xunit;
using static AeorDb.Tests.Services.Storage.ObjectStoreTreeTests;

namespace AeorDb.Tests.Services.Storage;

/// <summary>Tree commits are compare-and-swap on HEAD: a commit built on a HEAD that moved is refused whole.</summary>
public sealed class ObjectStoreHeadTests : StoreTests
{
    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_BasedOnStaleHead_IsRefusedAndWritesNothing(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        await store.CommitAsync(Commit([], [Entry("/first")], [], Hex(1), 1));
        await store.CommitAsync(Commit([], [Entry("/second")], [], Hex(2), 2, Hex(1)));
        var dir = NewDirectory("stale");

        var stale = Commit([dir], [Entry("/stale")], ["/first"], Hex(3), 3, Hex(1));
        var refused = await Assert.ThrowsAsync<TreeHeadMovedException>(() => store.CommitAsync(stale));

        Assert.Contains(Hex(2), refused.Message);
        Assert.Equal(Hex(2), await store.GetHeadRootAsync());
        Assert.False(await store.IsKnownRootAsync(Hex(3)));
        Assert.False(await store.ContainsAsync(dir.Hash));
        Assert.Equal(["/first", "/second"], (await store.LoadCatalogAsync()).Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Empty(await store.GetHistoryAsync("/stale"));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_NoBaseOnStoreThatHasHead_IsRefused(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        await store.CommitAsync(Commit([], [Entry("/first")], [], Hex(1), 1));

        await Assert.ThrowsAsync<TreeHeadMovedException>(() => store.CommitAsync(Commit([], [Entry("/again")], [], Hex(2), 2)));

        Assert.Equal(Hex(1), await store.GetHeadRootAsync());
        Assert.Null(await store.GetCatalogEntryAsync("/again"));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_TwoStoresOnOneDatabaseOnSameHead_ExactlyOneWinsAndTheOtherRetriesOnTop(StoreBackend backend)
    {
        // Two store instances on one database are what two silos of one node share.
        var silo1 = await Fixture.OpenAsync(backend);
        var silo2 = await Fixture.OpenAsync(backend);
        await silo1.CommitAsync(Commit([], [Entry("/base")], [], Hex(1), 1));

        var results = await Task.WhenAll(
            Outcome(silo1.CommitAsync(Commit([], [Entry("/one")], [], Hex(2), 2, Hex(1)))),
            Outcome(silo2.CommitAsync(Commit([], [Entry("/two")], [], Hex(3), 3, Hex(1)))));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is TreeHeadMovedException);
        var winner = results[0] is null ? Hex(2) : Hex(3);
        Assert.Equal(winner, await silo1.GetHeadRootAsync());
        Assert.Equal(winner, await silo2.GetHeadRootAsync());

        // The loser reloads HEAD and commits on top of the winner: both writes are kept.
        var loser = results[0] is null ? silo2 : silo1;
        await loser.CommitAsync(Commit([], [Entry("/retried")], [], Hex(4), 4, await loser.GetHeadRootAsync()));
        var paths = (await silo2.LoadCatalogAsync()).Select(e => e.Path).Order(StringComparer.Ordinal);
        string[] expected = ["/base", results[0] is null ? "/one" : "/two", "/retried"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), paths);
    }

    private static async Task<Exception?> Outcome(Task commit)
    {
        try
        {
            await commit;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
