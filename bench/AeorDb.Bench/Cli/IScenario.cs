namespace AeorDb.Bench.Cli;

/// <summary>
/// One benchmark scenario, run as <c>AeorDb.Bench &lt;name&gt; [options]</c>. Later scenarios (sync diff
/// latency, replication against Syncthing, PostgreSQL-backed silos) are added as further implementations
/// listed in <see cref="Program"/>.
/// </summary>
internal interface IScenario
{
    /// <summary>Subcommand name.</summary>
    string Name { get; }

    /// <summary>One line for the scenario list.</summary>
    string Summary { get; }

    /// <summary>Option help, one option a line.</summary>
    string Help { get; }

    /// <summary>Runs the scenario; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
