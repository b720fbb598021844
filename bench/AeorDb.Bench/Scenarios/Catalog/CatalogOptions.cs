using System.Globalization;
using AeorDb.Bench.Cli;

namespace AeorDb.Bench.Scenarios.Catalog;

/// <summary>Options of the <c>catalog</c> scenario.</summary>
internal sealed record CatalogOptions(string AeorDb, IReadOnlyList<int> Checkpoints, int Sample, int Concurrency, int DiffRepeats, string? Markdown, bool Keep)
{
    public const string Help = """
          --aeordb <path>          aeordb binary or aeordb.dll (bench/run passes the published one)
          --checkpoints <n,n,...>  catalog sizes (files) at which PUT rate, RSS and /sync/diff are measured, ascending (default 1000,100000,1000000)
          --sample <n>             PUTs timed at each checkpoint (default 2000)
          --concurrency <n>        PUTs in flight (default 16)
          --diff-repeats <n>       incremental diffs timed per checkpoint (default 11)
          --markdown <file>        also write the RESULTS.md section to this file
          --keep                   keep the temp directory
        """;

    public static CatalogOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgReader(args);
        var aeordb = reader.OptionalString("--aeordb") ?? throw new UsageException("--aeordb is required");
        var checkpoints = reader.String("--checkpoints", "1000,100000,1000000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            .ToArray();
        if (checkpoints.Length == 0 || checkpoints.Zip(checkpoints.Skip(1)).Any(p => p.First >= p.Second) || checkpoints[0] < 1)
        {
            throw new UsageException("--checkpoints must be positive and ascending");
        }

        var options = new CatalogOptions(
            aeordb,
            checkpoints,
            reader.Int("--sample", 2000, 10, 1_000_000),
            reader.Int("--concurrency", 16, 1, 1024),
            reader.Int("--diff-repeats", 11, 1, 1000),
            reader.OptionalString("--markdown"),
            reader.Flag("--keep"));
        reader.EnsureAllUsed();
        return options;
    }
}
