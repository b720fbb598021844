using System.Runtime;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;

namespace AeorDb.Grains.Tree;

/// <summary>
/// Activation: HEAD is rebuilt from one streamed scan of the catalog. The scan runs off the grain's scheduler into an
/// index nobody else sees yet, so the activation answers at once: while it runs, a point read (<see cref="GetAsync"/>,
/// what serving a file or checking a key needs) answers from the catalog row, which is HEAD as long as nothing has been
/// committed, and nothing is, because every other call (commits, listings, diffs, the root hash) waits for the load.
/// A node with a million files thus serves its first GET after Orleans' start, not after the whole catalog is read.
/// </summary>
internal sealed partial class TreeGrain
{
    /// <summary>The most entries below a directory that a listing answers from the catalog while HEAD loads.</summary>
    private const int LoadingListLimit = 1024;

    /// <summary>Completes once HEAD is loaded; faults (and the activation goes away) when the load failed.</summary>
    private Task _loaded = Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Not the activation's token: it is done with once OnActivateAsync returns, and the load goes on after that.
        _loaded = LoadAsync(CancellationToken.None);
        return base.OnActivateAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Another activation (perhaps on another silo) may change HEAD from now on: this silo stops answering from its cache.
        localHead.Release(this);
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Off the scheduler: the scan touches only the new index, never the activation's state.
            var (index, count) = await Task.Run(() => ScanCatalogAsync(cancellationToken), cancellationToken);
            var head = await treeStore.GetHeadRootAsync(cancellationToken);
            if (head is not null && !string.Equals(head, index.RootHash, StringComparison.OrdinalIgnoreCase))
            {
                LogRootMismatch(head, index.RootHash);
            }

            _index = index;
            _storeHead = head;
            localHead.Advance(this);
            LogLoaded(count, index.RootHash);
        }
        catch (Exception exception)
        {
            // Every waiting call fails with the cause; the next call after this activation is gone loads again.
            LogLoadFailed(exception);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>One sequential scan of the catalog straight into a compact index: no list of a million rows, no sort.</summary>
    private async Task<(TreeIndex Index, int Count)> ScanCatalogAsync(CancellationToken cancellationToken)
    {
        var index = new TreeIndex();
        var count = 0;
        index.BeginLoad();
        await foreach (var entry in treeStore.ReadCatalogAsync(cancellationToken))
        {
            index.LoadEntry(entry);
            count++;
        }

        var skipped = index.CompleteLoad();
        if (skipped > 0)
        {
            LogSkippedEntries(skipped);
        }

        if (commitOptions.Value.CompactAfterLoadEntries is > 0 and var threshold && count >= threshold)
        {
            // See TreeCommitOptions.CompactAfterLoadEntries: the heap keeps the scan's garbage between the index's objects otherwise.
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        return (index, count);
    }

    /// <summary>A point read before HEAD is loaded: the catalog row ("/" is not in the catalog, so it waits).</summary>
    private async Task<FileEntry?> GetWhileLoadingAsync(string path)
    {
        if (path == TreePaths.Root)
        {
            await _loaded;
            return _index.Get(path);
        }

        var entry = await treeStore.GetCatalogEntryAsync(path);
        if (_loaded.IsCompletedSuccessfully)
        {
            // Loaded meanwhile, and a commit may have followed: HEAD answers.
            return _index.Get(path);
        }

        return entry;
    }

    /// <summary>
    /// A listing of HEAD's children before HEAD is loaded: from the catalog when the directory holds at most
    /// <see cref="LoadingListLimit"/> entries below it (start-up asks such questions: "is there any API key?"),
    /// otherwise after the load.
    /// </summary>
    private async Task<ListResult> ListWhileLoadingAsync(string path)
    {
        if (path != TreePaths.Root)
        {
            var entry = await treeStore.GetCatalogEntryAsync(path);
            if (entry is null || entry.Kind != EntryKind.Directory)
            {
                return _loaded.IsCompletedSuccessfully ? _index.List(path, 0) : new ListResult(entry is not null, false, []);
            }
        }

        var below = await treeStore.ListCatalogBelowAsync(path, LoadingListLimit);
        if (below is null || _loaded.IsCompletedSuccessfully)
        {
            await _loaded;
            return _index.List(path, 0);
        }

        var prefix = path == TreePaths.Root ? 1 : path.Length + 1;
        return new ListResult(true, true, [.. below.Where(e => e.Path.IndexOf('/', prefix) < 0)]);
    }

    /// <summary>Waits for the load; true (for use in conditions).</summary>
    private async Task<bool> LoadedAsync()
    {
        await _loaded;
        return true;
    }
}
