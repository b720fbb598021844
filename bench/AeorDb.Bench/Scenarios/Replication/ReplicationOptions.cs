using AeorDb.Bench.Cli;

namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>Options of the <c>replication</c> scenario.</summary>
internal sealed record ReplicationOptions
{
    public const string Help = """
          --aeordb PATH              published aeordb binary or .dll (bench/run passes the published one)
          --aeordb-args "ARGS"       extra start flags for both nodes, space-separated (default none: default intervals)
          --syncthing PATH           syncthing binary (default syncthing)
          --baselines LIST           Syncthing set-ups, comma-separated: rescan (watcher off, REST rescan after
                                     writing), default (watcher, 10 s delay), watch1s (watcher, 1 s delay)
                                     (default rescan,default,watch1s)
          --rounds N                 measured rounds, sides alternate first place each round (default 3)
          --warmup N                 unmeasured warm-up rounds at a tenth of the size (default 1)
          --files N                  small files per round (default 2000)
          --file-kib N               size of a small file, KiB (default 16)
          --fanout N                 directories the small files spread over (default 64)
          --large-mib N              size of the large file, MiB (default 256; 0 skips it)
          --connections N            PUTs in flight for aeordb, parallel file writes for Syncthing (default 16)
          --poll-ms N                how often the second node is checked for completion (default 20)
          --active-timeout SECONDS   wait for the aeordb pair to turn active (default 180)
          --phase-timeout SECONDS    cap on one phase (default 600)
          --markdown PATH            also write the markdown snippet to PATH
          --keep                     keep the temp dir
        """;

    public required string AeorDb { get; init; }

    public IReadOnlyList<string> AeorDbArgs { get; init; } = [];

    public string Syncthing { get; init; } = "syncthing";

    public IReadOnlyList<SyncthingVariant> Baselines { get; init; } = SyncthingVariant.All;

    public int Rounds { get; init; } = 3;

    public int Warmup { get; init; } = 1;

    public int Files { get; init; } = 2000;

    public int FileKiB { get; init; } = 16;

    public int Fanout { get; init; } = 64;

    public int LargeMiB { get; init; } = 256;

    public int Connections { get; init; } = 16;

    public int PollMs { get; init; } = 20;

    public TimeSpan ActiveTimeout { get; init; } = TimeSpan.FromSeconds(180);

    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromSeconds(600);

    public string? Markdown { get; init; }

    public bool Keep { get; init; }

    public static ReplicationOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgReader(args);
        var defaults = new ReplicationOptions { AeorDb = "" };
        var options = new ReplicationOptions
        {
            AeorDb = reader.OptionalString("--aeordb") ?? throw new UsageException("--aeordb is required"),
            AeorDbArgs = reader.OptionalString("--aeordb-args")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? defaults.AeorDbArgs,
            Syncthing = reader.String("--syncthing", defaults.Syncthing),
            Baselines = reader.OptionalString("--baselines") is { } baselines ? SyncthingVariant.ParseList(baselines) : defaults.Baselines,
            Rounds = reader.Int("--rounds", defaults.Rounds, 1, 100),
            Warmup = reader.Int("--warmup", defaults.Warmup, 0, 10),
            Files = reader.Int("--files", defaults.Files, 1, 1_000_000),
            FileKiB = reader.Int("--file-kib", defaults.FileKiB, 1, 1024),
            Fanout = reader.Int("--fanout", defaults.Fanout, 1, 100_000),
            LargeMiB = reader.Int("--large-mib", defaults.LargeMiB, 0, 1024),
            Connections = reader.Int("--connections", defaults.Connections, 1, 1024),
            PollMs = reader.Int("--poll-ms", defaults.PollMs, 1, 10_000),
            ActiveTimeout = TimeSpan.FromSeconds(reader.Int("--active-timeout", (int)defaults.ActiveTimeout.TotalSeconds, 1, 3600)),
            PhaseTimeout = TimeSpan.FromSeconds(reader.Int("--phase-timeout", (int)defaults.PhaseTimeout.TotalSeconds, 1, 36_000)),
            Markdown = reader.OptionalString("--markdown"),
            Keep = reader.Flag("--keep"),
        };
        reader.EnsureAllUsed();
        return options;
    }
}
