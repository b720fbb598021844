using System.Buffers;
using System.Text.Json;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merge;

/// <summary>
/// Reads and writes conflict records as files of the tree (CONTRACT §7.4), so they replicate like any file.
/// The JSON is written with a fixed field order and no whitespace, so equal records are one version on every node.
/// </summary>
internal sealed class ConflictStore(IObjectStore store)
{
    /// <summary>The content type records are stored with.</summary>
    public const string ContentType = "application/json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>
    /// The tree changes that record <paramref name="record"/>: the record file and the loser's entry (or its
    /// removal, for a deletion loser). Both are stamped with <paramref name="stamp"/>; a newer conflict on the path replaces them.
    /// </summary>
    public async Task<IReadOnlyList<TreeChange>> RecordChangesAsync(
        ConflictRecord record, MergeVersion? loser, VersionStamp stamp, Func<string, FileEntry?> current, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, Json);
        var version = await store.PutSmallFileAsync(bytes, ContentType, system: false, cancellationToken).ConfigureAwait(false);
        var metaPath = ConflictPaths.Meta(record.Path);
        var changes = new List<TreeChange>(2)
        {
            new(metaPath, new FileEntry(metaPath, EntryKind.File, version.Hash, version.Size, version.ContentType, null, stamp.VirtualTime, stamp.VirtualTime, stamp)),
        };

        var loserPath = ConflictPaths.Loser(record.Path);
        if (loser is not null)
        {
            changes.Add(new TreeChange(loserPath, new FileEntry(
                loserPath, loser.Kind, loser.Hash, loser.Size, loser.ContentType, loser.Target, stamp.VirtualTime, stamp.VirtualTime, stamp)));
        }
        else if (current(loserPath) is { Kind: not EntryKind.Directory })
        {
            changes.Add(new TreeChange(loserPath, null));
        }

        return changes;
    }

    /// <summary>
    /// True when <paramref name="record"/> is consistent with where it is stored and with what the merge engine writes
    /// (CONTRACT §7.3, §7.4): it names the path its location names, a path conflicts are recorded for
    /// (<see cref="ConflictPaths.IsRecordable"/>), one of the three types, the auto-winner "winner", a winner that is a
    /// version id, and a loser that is a version id or, for <c>ModifyDelete</c> only, the empty deletion side.
    /// </summary>
    public static bool IsValid(ConflictRecord record, string? storedFor) =>
        record is { Path: not null, ConflictType: not null, AutoWinner: "winner", Winner: not null, Loser: not null }
        && storedFor is not null
        && string.Equals(record.Path, storedFor, StringComparison.Ordinal)
        && ConflictPaths.IsRecordable(record.Path)
        && record.ConflictType is ConflictTypes.ConcurrentCreate or ConflictTypes.ConcurrentModify or ConflictTypes.ModifyDelete
        && IsVersionId(record.Winner.Hash) && record.Winner.Size >= 0
        && record.Loser.Size >= 0
        && (IsVersionId(record.Loser.Hash) || (record.Loser.Hash?.Length == 0 && record.ConflictType == ConflictTypes.ModifyDelete));

    private static bool IsVersionId(string? hash) => hash is { Length: 64 } && hash.All(char.IsAsciiHexDigit);

    /// <summary>
    /// Reads the record stored in <paramref name="meta"/>; null when it is missing, not a record, or not one the merge
    /// engine could have written (<see cref="IsValid"/>), so a malformed or forged record is never acted on.
    /// </summary>
    public async Task<ConflictRecord?> ReadAsync(FileEntry meta, CancellationToken cancellationToken)
    {
        var version = await store.GetFileVersionAsync(meta.Hash, cancellationToken).ConfigureAwait(false);
        if (version is null || version.Size is <= 0 or > 1024 * 1024)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)version.Size);
        try
        {
            var length = 0;
            foreach (var chunk in version.ChunkHashes)
            {
                var read = await store.ReadAsync(Convert.FromHexString(chunk), buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read < 0)
                {
                    return null;
                }

                length += read;
            }

            var record = JsonSerializer.Deserialize<ConflictRecord>(buffer.AsSpan(0, length), Json);
            return record is not null && IsValid(record, ConflictPaths.PathOfMeta(meta.Path)) ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
