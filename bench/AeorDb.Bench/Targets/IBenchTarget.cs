namespace AeorDb.Bench.Targets;

/// <summary>
/// A running server under test, reachable over loopback HTTP. Files live at <c>/files/&lt;path&gt;</c> on
/// every target (nginx serves its root directory at that prefix), so one workload drives all of them.
/// Disposing it stops the server and its process tree.
/// </summary>
internal interface IBenchTarget : IAsyncDisposable
{
    /// <summary>Label in tables ("aeordb", "nginx").</summary>
    string Name { get; }

    /// <summary>One-line description of what runs (version, workers), for the report.</summary>
    string Description { get; }

    /// <summary>Server processes to sample for RSS and CPU (nginx: master and workers).</summary>
    IReadOnlyList<int> Pids { get; }

    /// <summary>Client bound to the server: base address, connection pool and auth already set.</summary>
    HttpClient Client { get; }
}
