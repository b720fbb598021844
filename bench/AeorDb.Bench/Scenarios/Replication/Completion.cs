using System.Diagnostics;

namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>Tight polling for the end of a replication, and byte comparison for the verification after it.</summary>
internal static class Completion
{
    /// <summary>Checks <paramref name="done"/> every <paramref name="pollMs"/> ms until it is true; fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitAsync(Func<CancellationToken, Task<bool>> done, int pollMs, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await done(cancellationToken).ConfigureAwait(false))
        {
            if (clock.Elapsed > timeout)
            {
                throw new BenchException($"{what}: not complete within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(pollMs, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end and compares it with <paramref name="expected"/>.</summary>
    public static async Task<bool> SameBytesAsync(Stream stream, ReadOnlyMemory<byte> expected, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        var offset = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return offset == expected.Length;
            }

            if (offset + read > expected.Length || !buffer.AsSpan(0, read).SequenceEqual(expected.Span.Slice(offset, read)))
            {
                return false;
            }

            offset += read;
        }
    }
}
