using AeorDb.Bench.Cli;
using AeorDb.Bench.Scenarios.Files;

namespace AeorDb.Bench.Scenarios.Pg;

/// <summary>Options of the <c>pg</c> scenario; every one has a default and a help line (<see cref="Help"/>).</summary>
internal sealed record PgOptions
{
    public const string Help = """
          --aeordb PATH              published aeordb binary or .dll (required)
          --postgres CONNSTRING      Npgsql connection string of a server where the bench may create databases
                                     (default $AEORDB_TEST_POSTGRES; bench/run pg starts a throwaway PostgreSQL 15)
          --rounds N                 measured rounds, the targets' order rotating each round (default 5)
          --warmup N                 unmeasured warm-up rounds at reduced size (default 1)
          --connections N            concurrent connections for the small-file phases (default 16)
          --small-files N            distinct 4 KiB files PUT per round and target (default 2000)
          --small-get-seconds N      seconds of GETs of random already-stored small files, per target per round (default 3)
          --slices N                 each phase runs as N slices, the order reversing every slice (default 2)
          --fanout N                 directories the small files spread over (default 64)
          --phase-timeout SECONDS    cap on one phase; throughput then counts what finished (default 120)
          --markdown PATH            also write the markdown snippet to PATH
          --keep                     keep the temp dir (silo logs, embedded database)
        """;

    public string? AeorDb { get; init; }

    public string? Postgres { get; init; }

    public int Rounds { get; init; } = 5;

    public int Warmup { get; init; } = 1;

    public int Connections { get; init; } = 16;

    public int SmallFiles { get; init; } = 2000;

    public TimeSpan SmallGetDuration { get; init; } = TimeSpan.FromSeconds(3);

    public int Slices { get; init; } = 2;

    public int Fanout { get; init; } = 64;

    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public string? Markdown { get; init; }

    public bool Keep { get; init; }

    /// <summary>The files scenario's workload settings for the same small-file phases (no large phases).</summary>
    public FilesOptions Workload => new()
    {
        Connections = Connections,
        SmallFiles = SmallFiles,
        SmallGetDuration = SmallGetDuration,
        Slices = Slices,
        Fanout = Fanout,
        LargeMiB = 0,
        PhaseTimeout = PhaseTimeout,
    };

    public static PgOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgReader(args);
        var defaults = new PgOptions();
        var options = new PgOptions
        {
            AeorDb = reader.OptionalString("--aeordb"),
            Postgres = reader.OptionalString("--postgres") ?? (Environment.GetEnvironmentVariable("AEORDB_TEST_POSTGRES") is { Length: > 0 } fromEnvironment ? fromEnvironment : null),
            Rounds = reader.Int("--rounds", defaults.Rounds, 1, 100),
            Warmup = reader.Int("--warmup", defaults.Warmup, 0, 10),
            Connections = reader.Int("--connections", defaults.Connections, 1, 1024),
            SmallFiles = reader.Int("--small-files", defaults.SmallFiles, 1, 1_000_000),
            SmallGetDuration = TimeSpan.FromSeconds(reader.Int("--small-get-seconds", (int)defaults.SmallGetDuration.TotalSeconds, 1, 600)),
            Slices = reader.Int("--slices", defaults.Slices, 1, 100),
            Fanout = reader.Int("--fanout", defaults.Fanout, 1, 100_000),
            PhaseTimeout = TimeSpan.FromSeconds(reader.Int("--phase-timeout", (int)defaults.PhaseTimeout.TotalSeconds, 1, 3600)),
            Markdown = reader.OptionalString("--markdown"),
            Keep = reader.Flag("--keep"),
        };
        reader.EnsureAllUsed();
        if (options.AeorDb is null)
        {
            throw new UsageException("--aeordb PATH is required");
        }

        if (options.Postgres is null)
        {
            throw new UsageException("--postgres CONNSTRING (or $AEORDB_TEST_POSTGRES) is required; bench/run pg starts a throwaway server");
        }

        return options;
    }
}
