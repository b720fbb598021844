using System.Globalization;
using AeorDb.Bench.Cli;

namespace AeorDb.Bench.Scenarios.SyncDiff;

/// <summary>Options of the <c>sync-diff</c> scenario.</summary>
internal sealed record SyncDiffOptions(
    string AeorDb,
    IReadOnlyList<int> Sizes,
    IReadOnlyList<string> Layouts,
    int Repeats,
    int FullRepeats,
    int Concurrency,
    string? Markdown,
    bool Keep)
{
    public const string Help = """
          --aeordb <path>        aeordb binary or aeordb.dll (bench/run passes the published one)
          --sizes <n,n,...>      tree sizes in files, ascending (default 1000,10000,100000)
          --layouts <l,...>      nested (100 files a directory, 3 levels) and/or flat (one directory) (default nested,flat)
          --repeats <n>          incremental diffs measured per tree (default 31)
          --full-repeats <n>     full listings measured per tree (default 5)
          --concurrency <n>      PUTs in flight while filling a tree (default 64)
          --markdown <file>      also write the RESULTS.md section to this file
          --keep                 keep the temp directory
        """;

    public static SyncDiffOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgReader(args);
        var aeordb = reader.OptionalString("--aeordb") ?? throw new UsageException("--aeordb is required");
        var sizes = ParseList(reader.String("--sizes", "1000,10000,100000"), s => int.Parse(s, CultureInfo.InvariantCulture));
        var layouts = ParseList(reader.String("--layouts", "nested,flat"), s => s is "nested" or "flat" ? s : throw new UsageException($"unknown layout '{s}'"));
        if (sizes.Count == 0 || sizes.Zip(sizes.Skip(1)).Any(p => p.First >= p.Second) || sizes[0] < 1)
        {
            throw new UsageException("--sizes must be positive and ascending");
        }

        var options = new SyncDiffOptions(
            aeordb,
            sizes,
            layouts,
            reader.Int("--repeats", 31, 3, 10_000),
            reader.Int("--full-repeats", 5, 1, 1_000),
            reader.Int("--concurrency", 64, 1, 1_024),
            reader.OptionalString("--markdown"),
            reader.Flag("--keep"));
        reader.EnsureAllUsed();
        return options;
    }

    private static List<T> ParseList<T>(string text, Func<string, T> parse)
    {
        try
        {
            return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse)];
        }
        catch (FormatException)
        {
            throw new UsageException($"cannot parse list '{text}'");
        }
    }
}
