using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage;

namespace AeorDb.Tests.Grains;

/// <summary>A tree store decorator that counts commits and can hold them at a gate or make them fail.</summary>
internal sealed class GatedTreeStore(ITreeStore inner) : ITreeStore
{
    private int _commits;
    private Task _lastPassed = Task.CompletedTask;
    private Exception? _failOnce;

    /// <summary>Commits that reached the store (held or not).</summary>
    public int Commits => Volatile.Read(ref _commits);

    /// <summary>When set, commits wait for it before reaching the inner store.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Holds commits at a new <see cref="Gate"/> until the hold is released; disposing it releases and clears the gate.</summary>
    public GateHold Hold()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Gate = gate;
        return new GateHold(this, gate);
    }

    /// <summary>When set, a catalog scan (a tree activation's load) waits for it before reading the first row.</summary>
    public TaskCompletionSource? CatalogGate { get; set; }

    /// <summary>When set, commits throw it instead of writing.</summary>
    public Exception? FailWith { get; set; }

    /// <summary>Changes of the last commit written.</summary>
    public TreeCommit? LastCommit { get; private set; }

    public Task<IReadOnlyList<FileEntry>> LoadCatalogAsync(CancellationToken cancellationToken = default) => inner.LoadCatalogAsync(cancellationToken);

    public async IAsyncEnumerable<FileEntry> ReadCatalogAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (CatalogGate is { } gate)
        {
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        await foreach (var entry in inner.ReadCatalogAsync(cancellationToken))
        {
            yield return entry;
        }
    }

    public Task<IReadOnlyList<FileEntry>?> ListCatalogBelowAsync(string directory, int limit, CancellationToken cancellationToken = default) =>
        inner.ListCatalogBelowAsync(directory, limit, cancellationToken);

    public Task<FileEntry?> GetCatalogEntryAsync(string path, CancellationToken cancellationToken = default) => inner.GetCatalogEntryAsync(path, cancellationToken);

    public Task<IReadOnlyList<FileEntry>> GetHistoryAsync(string path, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(path, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<FileEntry>>> GetHistoriesAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default) =>
        inner.GetHistoriesAsync(paths, cancellationToken);

    public Task<IReadOnlyList<FileEntry>> GetDeletionsAsync(string? sinceRootHash, CancellationToken cancellationToken = default) => inner.GetDeletionsAsync(sinceRootHash, cancellationToken);

    public Task<string?> GetHeadRootAsync(CancellationToken cancellationToken = default) => inner.GetHeadRootAsync(cancellationToken);

    public Task<bool> IsKnownRootAsync(string rootHash, CancellationToken cancellationToken = default) => inner.IsKnownRootAsync(rootHash, cancellationToken);

    /// <summary>When set, the next commit to pass the gate throws it instead of writing (and clears it).</summary>
    public Exception? FailOnce
    {
        get => Volatile.Read(ref _failOnce);
        set => Volatile.Write(ref _failOnce, value);
    }

    public async Task CommitAsync(TreeCommit commit, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);

        // Commits pass the gate in the order they arrived and reach the inner store in that order, as the real store queues them.
        var passed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = Interlocked.Exchange(ref _lastPassed, passed.Task);
        Task written;
        try
        {
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            await before;
            if (FailWith is { } failure)
            {
                throw failure;
            }

            if (Interlocked.Exchange(ref _failOnce, null) is { } once)
            {
                throw once;
            }

            written = inner.CommitAsync(commit, cancellationToken);
        }
        finally
        {
            passed.SetResult();
        }

        await written;
        LastCommit = commit;
    }

    /// <summary>A gate set by <see cref="Hold"/>: commits wait until <see cref="Release"/> or disposal.</summary>
    internal sealed class GateHold(GatedTreeStore store, TaskCompletionSource gate) : IDisposable
    {
        public void Release() => gate.TrySetResult();

        public void Dispose()
        {
            gate.TrySetResult();
            if (ReferenceEquals(store.Gate, gate))
            {
                store.Gate = null;
            }
        }
    }
}
