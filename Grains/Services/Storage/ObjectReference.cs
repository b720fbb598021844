using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage;

/// <summary>One row of the reference index (<see cref="IObjectReferences"/>): an object committed under a path.</summary>
internal readonly record struct ObjectReference(byte[] Hash, string Path)
{
    /// <summary>
    /// The references a tree commit adds: each file version it puts, with its chunks, and each symlink record,
    /// under the path. A version record missing from the store, or a SYSTEM-flagged one, adds none.
    /// Version records were stored before the commit was built, so this reads them (cached) ahead of the
    /// commit's transaction instead of inside it; <paramref name="staged"/> are versions the commit itself writes.
    /// </summary>
    public static async Task<IReadOnlyList<ObjectReference>> ForCommitAsync(IObjectStore store, TreeCommit commit, IReadOnlyDictionary<string, FileVersion>? staged, CancellationToken cancellationToken)
    {
        List<ObjectReference>? references = null;
        foreach (var entry in commit.Upserts)
        {
            if (entry.Kind == EntryKind.Symlink)
            {
                (references ??= []).Add(new ObjectReference(Convert.FromHexString(entry.Hash), entry.Path));
                continue;
            }

            if (entry.Kind != EntryKind.File
                || (staged?.GetValueOrDefault(entry.Hash) ?? await store.GetFileVersionAsync(entry.Hash, cancellationToken).ConfigureAwait(false)) is not { System: false } version)
            {
                continue;
            }

            references ??= [];
            references.Add(new ObjectReference(Convert.FromHexString(version.Hash), entry.Path));
            foreach (var chunk in version.ChunkHashes.Distinct(StringComparer.Ordinal))
            {
                references.Add(new ObjectReference(Convert.FromHexString(chunk), entry.Path));
            }
        }

        return references ?? (IReadOnlyList<ObjectReference>)[];
    }

    /// <summary>
    /// The references of one history row, for filling the index of a database written before it existed: a symlink
    /// record under its path; a file version (its stored record <paramref name="versionRecord"/>, when not SYSTEM-flagged)
    /// and its chunks under its path; nothing for a deletion or a missing or system version.
    /// </summary>
    public static IEnumerable<ObjectReference> ForHistoryRow(string path, EntryKind kind, byte[] hash, bool system, byte[]? versionRecord)
    {
        if (kind == EntryKind.Symlink)
        {
            yield return new ObjectReference(hash, path);
            yield break;
        }

        if (kind != EntryKind.File || system || versionRecord is null)
        {
            yield break;
        }

        var version = Hashing.ContentHasher.DecodeFileVersion(Convert.ToHexStringLower(hash), versionRecord, system: false);
        yield return new ObjectReference(hash, path);
        foreach (var chunk in version.ChunkHashes.Distinct(StringComparer.Ordinal))
        {
            yield return new ObjectReference(Convert.FromHexString(chunk), path);
        }
    }
}
