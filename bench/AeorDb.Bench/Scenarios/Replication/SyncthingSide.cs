using System.Diagnostics;
using AeorDb.Bench.Processes;
using AeorDb.Bench.Targets;

namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>
/// Syncthing: files written into instance A's shared folder (<c>connections</c> writes in parallel), then a REST
/// rescan of the phase's subdirectory (the file watcher is off, so this is the prompt start a watcher would give
/// without its 10 s delay). Done when every file exists on B under its final name with its full length: Syncthing
/// writes into a temporary name and renames only after every block is verified. The bytes are then read from B's
/// folder and compared.
/// </summary>
/// <remarks>With <paramref name="rescan"/> false the pair's file watcher notices the writes by itself (see <see cref="SyncthingVariant"/>).</remarks>
internal sealed class SyncthingSide(SyncthingPair pair, int connections, int pollMs, TimeSpan timeout, string name = "syncthing", bool rescan = true) : IReplicationSide
{
    public string Name => name;

    public string Description => pair.Description;

    public async Task<PhaseTiming> ReplicateAsync(string directory, IReadOnlyList<ReplicaFile> files, CancellationToken cancellationToken)
    {
        IReadOnlyList<int> pids = pair.Pids;
        var cpu = ProcStats.CpuSeconds(pids);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = connections, CancellationToken = cancellationToken }, async (file, token) =>
        {
            var path = Path.Combine(pair.FolderA, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
            await stream.WriteAsync(file.Data, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var written = clock.Elapsed.TotalSeconds;

        if (rescan)
        {
            await pair.RescanAsync(directory, cancellationToken).ConfigureAwait(false);
        }

        var pending = files.ToList();
        await Completion.WaitAsync(
            _ =>
            {
                pending.RemoveAll(file => new FileInfo(Path.Combine(pair.FolderB, file.Path)) is { Exists: true } info && info.Length == file.Data.Length);
                return Task.FromResult(pending.Count == 0);
            },
            pollMs,
            timeout,
            $"syncthing: {directory} on instance B",
            cancellationToken).ConfigureAwait(false);
        var replicated = clock.Elapsed.TotalSeconds;
        cpu = ProcStats.CpuSeconds(pids) - cpu;

        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = connections, CancellationToken = cancellationToken }, async (file, token) =>
        {
            await using var stream = File.OpenRead(Path.Combine(pair.FolderB, file.Path));
            if (!await Completion.SameBytesAsync(stream, file.Data, token).ConfigureAwait(false))
            {
                throw new BenchException($"syncthing B: {file.Path} differs from what was written on A");
            }
        }).ConfigureAwait(false);
        return new PhaseTiming(written, replicated, cpu);
    }

    public ValueTask DisposeAsync() => pair.DisposeAsync();
}
