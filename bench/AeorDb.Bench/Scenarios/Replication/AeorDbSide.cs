using System.Diagnostics;
using AeorDb.Bench.Processes;
using AeorDb.Bench.Http;
using AeorDb.Bench.Targets;

namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>
/// aeordb: HTTP PUTs into node A (<c>connections</c> in flight); done when node B's root hash equals A's root
/// hash after the last PUT. Both nodes commit a pull as one all-or-nothing change, so an equal root means B holds
/// every file, chunks included. The bytes are then read back from B with GETs and compared.
/// </summary>
internal sealed class AeorDbSide(AeorDbPair pair, int connections, int pollMs, TimeSpan timeout) : IReplicationSide
{
    public string Name => "aeordb";

    public string Description => pair.Description;

    public async Task<PhaseTiming> ReplicateAsync(string directory, IReadOnlyList<ReplicaFile> files, CancellationToken cancellationToken)
    {
        IReadOnlyList<int> pids = [.. pair.A.Pids, .. pair.B.Pids];
        var cpu = ProcStats.CpuSeconds(pids);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = connections, CancellationToken = cancellationToken }, async (file, token) =>
        {
            using var content = new MemoryContent(file.Data, "application/octet-stream");
            using var response = await pair.A.Client.PutAsync("/files/" + file.Path, content, token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"aeordb A: PUT {file.Path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token).ConfigureAwait(false)}");
            }
        }).ConfigureAwait(false);
        var written = clock.Elapsed.TotalSeconds;

        var target = await AeorDbPair.RootHashAsync(pair.A.Client, cancellationToken).ConfigureAwait(false);
        await Completion.WaitAsync(
            async token => await AeorDbPair.RootHashAsync(pair.B.Client, token).ConfigureAwait(false) == target,
            pollMs,
            timeout,
            $"aeordb: {directory} on node B",
            cancellationToken).ConfigureAwait(false);
        var replicated = clock.Elapsed.TotalSeconds;
        cpu = ProcStats.CpuSeconds(pids) - cpu;

        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = connections, CancellationToken = cancellationToken }, async (file, token) =>
        {
            using var response = await pair.B.Client.GetAsync("/files/" + file.Path, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || !await Completion.SameBytesAsync(body, file.Data, token).ConfigureAwait(false))
            {
                throw new BenchException($"aeordb B: {file.Path} answered {(int)response.StatusCode} or differs from what A was sent");
            }
        }).ConfigureAwait(false);
        return new PhaseTiming(written, replicated, cpu);
    }

    public ValueTask DisposeAsync() => pair.DisposeAsync();
}
