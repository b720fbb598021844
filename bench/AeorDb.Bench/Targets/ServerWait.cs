namespace AeorDb.Bench.Targets;

/// <summary>Polls a server until it answers, with a deadline.</summary>
internal static class ServerWait
{
    /// <summary>Polls <paramref name="probe"/> every 100 ms until it returns true or <paramref name="timeout"/> passes.</summary>
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> probe, Func<bool> hasExited, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (hasExited())
            {
                throw new BenchException($"{what}: the process exited");
            }

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                if (await probe(attempt.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Probe timed out; try again.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new BenchException($"{what}: not ready within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}
