using AeorDb.Bench.Cli;

namespace AeorDb.Bench.Scenarios.Propagation;

/// <summary>Options of the <c>propagation</c> scenario.</summary>
internal sealed record PropagationOptions
{
    public const string Help = """
          --aeordb PATH              published aeordb binary or .dll (bench/run passes the published one)
          --aeordb-args "ARGS"       extra start flags for both nodes, space-separated (default none: default intervals)
          --writes N                 measured writes (default 200)
          --warmup N                 unmeasured writes first (default 10)
          --bytes N                  size of each write (default 4096)
          --gap-ms N                 pause after a write has arrived before the next one, so every write is alone (default 500)
          --poll-ms N                how often node B is asked for the file (default 2)
          --active-timeout SECONDS   wait for the pair to turn active (default 180)
          --markdown PATH            also write the markdown snippet to PATH
          --keep                     keep the temp dir
        """;

    public required string AeorDb { get; init; }

    public IReadOnlyList<string> AeorDbArgs { get; init; } = [];

    public int Writes { get; init; } = 200;

    public int Warmup { get; init; } = 10;

    public int Bytes { get; init; } = 4096;

    public int GapMs { get; init; } = 500;

    public int PollMs { get; init; } = 2;

    public TimeSpan ActiveTimeout { get; init; } = TimeSpan.FromSeconds(180);

    public string? Markdown { get; init; }

    public bool Keep { get; init; }

    public static PropagationOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgReader(args);
        var defaults = new PropagationOptions { AeorDb = "" };
        var options = new PropagationOptions
        {
            AeorDb = reader.OptionalString("--aeordb") ?? throw new UsageException("--aeordb is required"),
            AeorDbArgs = reader.OptionalString("--aeordb-args")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? defaults.AeorDbArgs,
            Writes = reader.Int("--writes", defaults.Writes, 1, 100_000),
            Warmup = reader.Int("--warmup", defaults.Warmup, 0, 10_000),
            Bytes = reader.Int("--bytes", defaults.Bytes, 1, 256 * 1024),
            GapMs = reader.Int("--gap-ms", defaults.GapMs, 0, 600_000),
            PollMs = reader.Int("--poll-ms", defaults.PollMs, 1, 10_000),
            ActiveTimeout = TimeSpan.FromSeconds(reader.Int("--active-timeout", (int)defaults.ActiveTimeout.TotalSeconds, 1, 3600)),
            Markdown = reader.OptionalString("--markdown"),
            Keep = reader.Flag("--keep"),
        };
        reader.EnsureAllUsed();
        return options;
    }
}
