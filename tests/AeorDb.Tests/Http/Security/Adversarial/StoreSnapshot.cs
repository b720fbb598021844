using System.Net;
using AeorDb.Tests.TestSupport;

namespace AeorDb.Tests.Http.Security.Adversarial;

/// <summary>
/// Every file and symlink of a node, system records (users, keys, signing key) included, as root sees them through
/// a full <c>/sync/diff</c>: path → version id (or link target). Two snapshots compare byte for byte, as version ids
/// are content ids.
/// </summary>
public sealed class StoreSnapshot
{
    private StoreSnapshot(IReadOnlyDictionary<string, string> entries) => Entries = entries;

    /// <summary>Path → <c>file:&lt;version&gt;</c> or <c>link:&lt;target&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; }

    /// <summary>Takes a snapshot as <paramref name="root"/>.</summary>
    public static async Task<StoreSnapshot> TakeAsync(ApiClient root)
    {
        using var response = await root.PostJsonAsync("/sync/diff", new { });
        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        var changes = body.GetProperty("changes");
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in changes.GetProperty("files_added").EnumerateArray())
        {
            entries[file.GetProperty("path").GetString()!] = "file:" + file.GetProperty("hash").GetString();
        }

        foreach (var link in changes.GetProperty("symlinks_added").EnumerateArray())
        {
            entries[link.GetProperty("path").GetString()!] = "link:" + link.GetProperty("target").GetString();
        }

        return new StoreSnapshot(entries);
    }

    /// <summary>
    /// What changed from <paramref name="before"/> to this snapshot outside what the callers may write: anything
    /// under <paramref name="writable"/>, and new (never changed) records under <paramref name="appendOnly"/> (keys
    /// and refresh tokens any authenticated caller may create for itself).
    /// </summary>
    public IReadOnlyList<string> ChangesOutside(StoreSnapshot before, string writable, IReadOnlyList<string> appendOnly)
    {
        bool Writable(string path) => path == writable || path.StartsWith(writable + "/", StringComparison.Ordinal);
        bool AppendOnly(string path) => appendOnly.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal));

        var changes = new List<string>();
        foreach (var (path, was) in before.Entries)
        {
            if (Writable(path))
            {
                continue;
            }

            if (!Entries.TryGetValue(path, out var now))
            {
                changes.Add($"deleted {path} (was {was})");
            }
            else if (now != was)
            {
                changes.Add($"changed {path}: {was} -> {now}");
            }
        }

        foreach (var (path, now) in Entries)
        {
            if (!before.Entries.ContainsKey(path) && !Writable(path) && !AppendOnly(path))
            {
                changes.Add($"created {path} ({now})");
            }
        }

        return changes;
    }
}
