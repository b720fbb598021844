using AeorDb.Bench.Cli;

namespace AeorDb.Bench.Scenarios.Files;

/// <summary>Options of the <c>files</c> scenario; every one has a default and a help line (<see cref="Help"/>).</summary>
internal sealed record FilesOptions
{
    public const string Help = """
          --subject aeordb|nginx     system under test (default aeordb; nginx = nginx-vs-nginx sanity run)
          --aeordb PATH              published aeordb binary or .dll (required when --subject aeordb)
          --aeordb-args "ARGS"       extra start flags, space-separated; {free} becomes a free port
                                     (default "--silo-port {free} --gateway-port {free}")
          --nginx PATH               nginx binary (default nginx)
          --nginx-workers N          nginx worker_processes (default 2, the machine's 2 cores)
          --rounds N                 measured rounds, sides alternate first place each round (default 5)
          --warmup N                 unmeasured warm-up rounds at reduced size (default 1)
          --connections N            concurrent connections for the small-file phases (default 16)
          --small-files N            distinct 4 KiB files PUT per round (default 2000)
          --small-get-seconds N      seconds of GETs of random already-stored small files, per side per round (default 3)
          --slices N                 each small-file phase runs as N slices alternating A B B A (default 4)
          --fanout N                 directories the small files spread over (default 64)
          --large-mib N              size of the large PUT/GET, MiB (default 256; 0 skips the large phases)
          --phase-timeout SECONDS    cap on one small-file phase; throughput then counts what finished (default 120)
          --markdown PATH            also write the markdown snippet to PATH
          --keep                     keep the temp dir (databases, nginx root, logs)
        """;

    public string Subject { get; init; } = "aeordb";

    public string? AeorDb { get; init; }

    public IReadOnlyList<string> AeorDbArgs { get; init; } = ["--silo-port", "{free}", "--gateway-port", "{free}"];

    public string Nginx { get; init; } = "nginx";

    public int NginxWorkers { get; init; } = 2;

    public int Rounds { get; init; } = 5;

    public int Warmup { get; init; } = 1;

    public int Connections { get; init; } = 16;

    public int SmallFiles { get; init; } = 2000;

    public TimeSpan SmallGetDuration { get; init; } = TimeSpan.FromSeconds(3);

    public int SmallBytes { get; init; } = 4096;

    public int Slices { get; init; } = 4;

    public int Fanout { get; init; } = 64;

    public int LargeMiB { get; init; } = 256;

    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public string? Markdown { get; init; }

    public bool Keep { get; init; }

    public static FilesOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgReader(args);
        var defaults = new FilesOptions();
        var options = new FilesOptions
        {
            Subject = reader.String("--subject", defaults.Subject),
            AeorDb = reader.OptionalString("--aeordb"),
            AeorDbArgs = reader.OptionalString("--aeordb-args")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? defaults.AeorDbArgs,
            Nginx = reader.String("--nginx", defaults.Nginx),
            NginxWorkers = reader.Int("--nginx-workers", defaults.NginxWorkers, 1, 64),
            Rounds = reader.Int("--rounds", defaults.Rounds, 1, 100),
            Warmup = reader.Int("--warmup", defaults.Warmup, 0, 10),
            Connections = reader.Int("--connections", defaults.Connections, 1, 1024),
            SmallFiles = reader.Int("--small-files", defaults.SmallFiles, 1, 1_000_000),
            SmallGetDuration = TimeSpan.FromSeconds(reader.Int("--small-get-seconds", (int)defaults.SmallGetDuration.TotalSeconds, 0, 600)),
            Slices = reader.Int("--slices", defaults.Slices, 1, 100),
            Fanout = reader.Int("--fanout", defaults.Fanout, 1, 100_000),
            LargeMiB = reader.Int("--large-mib", defaults.LargeMiB, 0, 1024),
            PhaseTimeout = TimeSpan.FromSeconds(reader.Int("--phase-timeout", (int)defaults.PhaseTimeout.TotalSeconds, 1, 3600)),
            Markdown = reader.OptionalString("--markdown"),
            Keep = reader.Flag("--keep"),
        };
        reader.EnsureAllUsed();
        if (options.Subject is not ("aeordb" or "nginx"))
        {
            throw new UsageException("--subject must be aeordb or nginx");
        }

        if (options.Subject == "aeordb" && options.AeorDb is null)
        {
            throw new UsageException("--aeordb PATH is required when the subject is aeordb");
        }

        return options;
    }
}
