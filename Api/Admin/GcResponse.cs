using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Admin;

/// <summary>The answer to <c>POST /admin/gc</c>: <c>{"versions_scanned","live_entries","garbage_entries","reclaimed_bytes","duration_ms","dry_run"}</c>.</summary>
internal sealed record GcResponse(long VersionsScanned, long LiveEntries, long GarbageEntries, long ReclaimedBytes, long DurationMs, bool DryRun)
{
    public static GcResponse From(GcResult result) =>
        new(result.VersionsScanned, result.LiveEntries, result.GarbageEntries, result.ReclaimedBytes, result.DurationMs, result.DryRun);
}
