using System.CommandLine;
using AeorDb.Grains.Services.Storage;

namespace AeorDb.Silo.CommandLine;

/// <summary>The flags of <see cref="StorageOptions"/>: durability, history retention and garbage collection.</summary>
internal static partial class AeorDbCommandLine
{
    private static StorageOptions BuildStorage(ParseResult result, Symbols s)
    {
        var durability = result.GetValue(s.Durability)!.Trim().ToLowerInvariant() switch
        {
            "normal" => Durability.Normal,
            "full" => Durability.Full,
            var other => throw new UsageException($"unknown --durability value '{other}' (expected normal or full)"),
        };

        if (result.GetValue(s.HistoryKeepVersions) is < 0 and var versions)
        {
            throw new FormatException($"--history-keep-versions must not be negative, got {versions}");
        }

        if (result.GetValue(s.HistoryKeepDays) is < 0 and var days)
        {
            throw new FormatException($"--history-keep-days must not be negative, got {days}");
        }

        if (result.GetValue(s.GcIntervalMs) is < 0 and var intervalMs)
        {
            throw new FormatException($"--gc-interval-ms must not be negative, got {intervalMs}");
        }

        if (result.GetValue(s.GcMinAgeMs) is < 0 and var minAgeMs)
        {
            throw new FormatException($"--gc-min-age-ms must not be negative, got {minAgeMs}");
        }

        if (result.GetValue(s.SegmentThresholdBytes) is < 1 and var threshold)
        {
            throw new FormatException($"--segment-threshold-bytes must be positive, got {threshold}");
        }

        if (result.GetValue(s.SegmentMaxBytes) is < 1 and var segmentMax)
        {
            throw new FormatException($"--segment-max-bytes must be positive, got {segmentMax}");
        }

        if (result.GetValue(s.SegmentWriteBytes) is < 1 and var writeBytes)
        {
            throw new FormatException($"--segment-write-bytes must be positive, got {writeBytes}");
        }

        var compactPercent = result.GetValue(s.SegmentCompactPercent);
        if (compactPercent is < 0 or > 100)
        {
            throw new FormatException($"--segment-compact-percent must be between 0 and 100, got {compactPercent}");
        }

        var interval = result.GetValue(s.GcIntervalMs);
        return new StorageOptions
        {
            Durability = durability,
            HistoryKeepVersions = result.GetValue(s.HistoryKeepVersions),
            HistoryKeepAge = TimeSpan.FromDays(result.GetValue(s.HistoryKeepDays)),
            GcInterval = interval > 0 ? TimeSpan.FromMilliseconds(interval) : null,
            GcMinAge = TimeSpan.FromMilliseconds(result.GetValue(s.GcMinAgeMs)),
            SegmentThresholdBytes = result.GetValue(s.SegmentThresholdBytes),
            SegmentMaxBytes = result.GetValue(s.SegmentMaxBytes),
            SegmentWriteBytes = result.GetValue(s.SegmentWriteBytes),
            SegmentCompactLiveFraction = compactPercent / 100.0,
        };
    }

    private sealed partial class Symbols
    {
        public Option<string> Durability { get; } = new("--durability")
        {
            Description = "normal: a killed process loses no acknowledged write, a power loss may lose the last ones; full: every write is synced to disk before it is acknowledged (default normal)",
            DefaultValueFactory = _ => "normal",
        };

        public Option<int> HistoryKeepVersions { get; } = new("--history-keep-versions")
        {
            Description = "Past versions kept per path, and past roots kept, by garbage collection besides HEAD (default 16; 0 keeps only HEAD and what --history-keep-days keeps)",
            DefaultValueFactory = _ => 16,
        };

        public Option<double> HistoryKeepDays { get; } = new("--history-keep-days")
        {
            Description = "Versions and roots younger than this many days survive garbage collection whatever their count (default 30)",
            DefaultValueFactory = _ => 30,
        };

        public Option<long> GcIntervalMs { get; } = new("--gc-interval-ms")
        {
            Description = "Run garbage collection every this many ms (default 0: only on POST /admin/gc)",
            DefaultValueFactory = _ => 0,
        };

        public Option<long> GcMinAgeMs { get; } = new("--gc-min-age-ms")
        {
            Description = "PostgreSQL scale-out: never collect objects put in the last this many ms, which protects other silos' uploads in flight (default 21600000, 6 h)",
            DefaultValueFactory = _ => 6 * 3600 * 1000,
        };

        public Option<int> SegmentThresholdBytes { get; } = new("--segment-threshold-bytes")
        {
            Description = "SQLite: chunks at least this long are stored in segment files beside the database, smaller ones inline (default 65536)",
            DefaultValueFactory = _ => 64 * 1024,
        };

        public Option<long> SegmentMaxBytes { get; } = new("--segment-max-bytes")
        {
            Description = "SQLite: a segment file rolls over to a new one past this size (default 268435456, 256 MiB)",
            DefaultValueFactory = _ => 256L * 1024 * 1024,
        };

        public Option<int> SegmentWriteBytes { get; } = new("--segment-write-bytes")
        {
            Description = "SQLite: a chunk is appended to its segment file in writes of at most this many bytes; larger writes made the kernel allocate large page-cache folios, slow on some VMs (default 16384)",
            DefaultValueFactory = _ => 16 * 1024,
        };

        public Option<int> SegmentCompactPercent { get; } = new("--segment-compact-percent")
        {
            Description = "SQLite: garbage collection compacts a segment file whose live bytes fall below this percentage of its size (default 50)",
            DefaultValueFactory = _ => 50,
        };

        private void AddStorageOptions()
        {
            Start.Options.Add(SegmentThresholdBytes);
            Start.Options.Add(SegmentMaxBytes);
            Start.Options.Add(SegmentWriteBytes);
            Start.Options.Add(SegmentCompactPercent);
            Start.Options.Add(GcMinAgeMs);
            Start.Options.Add(Durability);
            Start.Options.Add(HistoryKeepVersions);
            Start.Options.Add(HistoryKeepDays);
            Start.Options.Add(GcIntervalMs);
        }
    }
}
