using System.Buffers;
using System.Buffers.Binary;
using System.Net.Http.Headers;
using AeorDb.Bench.Http;
using AeorDb.Bench.Measure;
using AeorDb.Bench.Targets;

namespace AeorDb.Bench.Scenarios.Files;

/// <summary>
/// The requests of the files scenario. Every target gets byte-identical requests for the same pass:
/// the same paths, the same bodies, the same random GET picks.
/// </summary>
internal sealed class FilesWorkload
{
    private const string OctetStream = "application/octet-stream";
    private static readonly TimeSpan RssInterval = TimeSpan.FromMilliseconds(20);
    private static readonly MediaTypeHeaderValue OctetStreamHeader = new(OctetStream);

    /// <summary>Bound on one GET phase's requests, far above what a few seconds allow, so the loop is bounded by count too.</summary>
    private const int MaxGetsPerPhase = 50_000_000;

    private readonly FilesOptions _options;
    private readonly byte[] _large;

    public FilesWorkload(FilesOptions options)
    {
        _options = options;

        // One source buffer for every large PUT; random so neither side can compress it.
        _large = GC.AllocateUninitializedArray<byte>(options.LargeMiB << 20);
        new Random(20_260_101).NextBytes(_large);
    }

    public static string SmallPath(int file, int fanout) => $"/files/bench/small/d{file % fanout:000}/f{file:0000000}.bin";

    public static string LargePath(int pass) => $"/files/bench/large/p{pass:00}.bin";

    /// <summary>PUTs files <paramref name="first"/>..first+count-1 over the pool, each body unique.</summary>
    public async Task<PhaseSample> SmallPutAsync(IBenchTarget target, int pass, int first, int count, CancellationToken cancellationToken)
    {
        var clock = CpuClock.Start(target.Pids);
        var (done, capped) = await RunWorkersAsync(count, _options.PhaseTimeout, async (index, buffer) =>
        {
            var file = first + index;
            var body = buffer.AsMemory(0, _options.SmallBytes);
            StampSmall(body.Span, file);
            using var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = OctetStreamHeader;
            using var response = await target.Client.PutAsync(SmallPath(file, _options.Fanout), content, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, target, "PUT", cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new PhaseSample(FilesPhase.SmallPut, target.Name, pass, done, done * (long)_options.SmallBytes, clock.Stop(), capped);
    }

    /// <summary>
    /// GETs files picked pseudo-randomly (the same sequence on every target) from the first <paramref name="stored"/>,
    /// for <paramref name="duration"/>: a fixed time keeps fast and slow sides equally well measured.
    /// </summary>
    public async Task<PhaseSample> SmallGetAsync(IBenchTarget target, int pass, int stored, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = CpuClock.Start(target.Pids);
        var (done, _) = await RunWorkersAsync(MaxGetsPerPhase, duration, async (index, buffer) =>
        {
            var file = Pick(pass, index, stored);
            var read = await GetIntoAsync(target, SmallPath(file, _options.Fanout), buffer, null, cancellationToken).ConfigureAwait(false);
            if (read != _options.SmallBytes)
            {
                throw new BenchException($"{target.Name}: GET {SmallPath(file, _options.Fanout)} returned {read} bytes, expected {_options.SmallBytes}");
            }
        }, cancellationToken).ConfigureAwait(false);
        return new PhaseSample(FilesPhase.SmallGet, target.Name, pass, done, done * (long)_options.SmallBytes, clock.Stop(), false);
    }

    /// <summary>Makes the large body unique to <paramref name="pass"/> (one stamp per 4 KiB) so no pass dedupes against another.</summary>
    public void StampLarge(int pass)
    {
        for (var offset = 0; offset + 8 <= _large.Length; offset += 4096)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_large.AsSpan(offset), ((long)pass << 40) | (uint)offset);
        }
    }

    /// <summary>One PUT of the first <paramref name="bytes"/> of the large buffer, sampling server RSS meanwhile.</summary>
    public async Task<PhaseSample> LargePutAsync(IBenchTarget target, int pass, int bytes, CancellationToken cancellationToken)
    {
        using var sampler = new RssSampler(target.Pids, RssInterval);
        var clock = CpuClock.Start(target.Pids);
        using (var content = new MemoryContent(_large.AsMemory(0, bytes), OctetStream))
        {
            using var response = await target.Client.PutAsync(LargePath(pass), content, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, target, "PUT", cancellationToken).ConfigureAwait(false);
        }

        var span = clock.Stop();
        sampler.Stop();
        return new PhaseSample(FilesPhase.LargePut, target.Name, pass, 1, bytes, span, false, sampler.Growth, sampler.Peak, sampler.Samples);
    }

    /// <summary>One GET of the pass's large file, streamed into a reused 1 MiB buffer.</summary>
    public async Task<PhaseSample> LargeGetAsync(IBenchTarget target, int pass, int bytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var clock = CpuClock.Start(target.Pids);
            var read = await GetIntoAsync(target, LargePath(pass), buffer, null, cancellationToken).ConfigureAwait(false);
            var span = clock.Stop();
            if (read != bytes)
            {
                throw new BenchException($"{target.Name}: GET {LargePath(pass)} returned {read} bytes, expected {bytes}");
            }

            return new PhaseSample(FilesPhase.LargeGet, target.Name, pass, 1, read, span, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Untimed: reads back a few small files and the last large file and compares every byte that identifies them.</summary>
    public async Task VerifyAsync(IBenchTarget target, int lastPass, int stored, int largeBytes, CancellationToken cancellationToken)
    {
        foreach (var file in new[] { 0, stored / 2, stored - 1 }.Distinct())
        {
            var body = await target.Client.GetByteArrayAsync(SmallPath(file, _options.Fanout), cancellationToken).ConfigureAwait(false);
            if (body.Length != _options.SmallBytes || BinaryPrimitives.ReadInt64LittleEndian(body) != file)
            {
                throw new BenchException($"{target.Name}: {SmallPath(file, _options.Fanout)} read back wrong ({body.Length} bytes)");
            }
        }

        if (largeBytes > 0)
        {
            StampLarge(lastPass);
            var read = await GetIntoAsync(target, LargePath(lastPass), new byte[1 << 20], _large, cancellationToken).ConfigureAwait(false);
            if (read != largeBytes)
            {
                throw new BenchException($"{target.Name}: {LargePath(lastPass)} read back {read} bytes, expected {largeBytes}");
            }
        }
    }

    private static int Pick(int pass, int index, int stored) =>
        (int)(unchecked(((ulong)index * 0x9E3779B97F4A7C15UL) ^ ((ulong)pass * 0xBF58476D1CE4E5B9UL)) % (ulong)stored);

    private static void StampSmall(Span<byte> body, int file) =>
        // The worker's random filler with the file number first: every body is distinct and self-identifying.
        BinaryPrimitives.WriteInt64LittleEndian(body, file);

    private static async Task<long> GetIntoAsync(IBenchTarget target, string path, byte[] buffer, byte[]? expected, CancellationToken cancellationToken)
    {
        using var response = await target.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, target, "GET", cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (expected is not null && (total + read > expected.Length || !buffer.AsSpan(0, read).SequenceEqual(expected.AsSpan((int)total, read))))
            {
                throw new BenchException($"{target.Name}: GET {path} differs from what was PUT near byte {total}");
            }

            total += read;
        }

        return total;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, IBenchTarget target, string method, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new BenchException($"{target.Name}: {method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
    }

    /// <summary>
    /// Runs up to <paramref name="count"/> operations on <see cref="FilesOptions.Connections"/> workers sharing
    /// one counter; no new operation starts after <paramref name="duration"/> (the result then says timed out).
    /// </summary>
    private async Task<(long Done, bool TimedOut)> RunWorkersAsync(int count, TimeSpan duration, Func<int, byte[], Task> operation, CancellationToken cancellationToken)
    {
        var next = -1;
        long done = 0;
        var capped = false;
        var deadline = DateTime.UtcNow + duration;
        var workers = Enumerable.Range(0, _options.Connections).Select(worker => Task.Run(async () =>
        {
            var buffer = new byte[Math.Max(_options.SmallBytes, 16 * 1024)];
            new Random(worker).NextBytes(buffer);
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= count)
                {
                    return;
                }

                if (DateTime.UtcNow > deadline)
                {
                    capped = true;
                    return;
                }

                await operation(index, buffer).ConfigureAwait(false);
                Interlocked.Increment(ref done);
            }
        }, cancellationToken));
        await Task.WhenAll(workers).ConfigureAwait(false);
        return (Interlocked.Read(ref done), capped);
    }
}
