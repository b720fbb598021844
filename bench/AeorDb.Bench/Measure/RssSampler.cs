using AeorDb.Bench.Processes;

namespace AeorDb.Bench.Measure;

/// <summary>
/// Samples the summed VmRSS of a server's processes on a dedicated thread (the thread pool is busy
/// with the transfer being measured) every <c>interval</c>, keeping the value at start and the peak.
/// </summary>
internal sealed class RssSampler : IDisposable
{
    private readonly IReadOnlyList<int> _pids;
    private readonly TimeSpan _interval;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    public RssSampler(IReadOnlyList<int> pids, TimeSpan interval)
    {
        _pids = pids;
        _interval = interval;
        Baseline = ProcStats.RssBytes(pids);
        _peak = Baseline;
        _thread = new Thread(Loop) { IsBackground = true, Name = "rss-sampler" };
        _thread.Start();
    }

    /// <summary>RSS just before the measured operation, bytes.</summary>
    public long Baseline { get; }

    /// <summary>Highest RSS seen, bytes.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    /// <summary>Number of samples taken.</summary>
    public int Samples { get; private set; }

    /// <summary>Peak minus baseline, bytes (never negative).</summary>
    public long Growth => Math.Max(0, Peak - Baseline);

    /// <summary>Stops sampling after one last sample.</summary>
    public void Stop()
    {
        _stop = true;
        _thread.Join();
    }

    public void Dispose()
    {
        if (!_stop)
        {
            Stop();
        }
    }

    private void Loop()
    {
        while (true)
        {
            var rss = ProcStats.RssBytes(_pids);
            Samples++;
            if (rss > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, rss);
            }

            if (_stop)
            {
                return;
            }

            Thread.Sleep(_interval);
        }
    }
}
