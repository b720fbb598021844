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

    /// <summary>Reads the record stored in <paramref name="meta"/>; null when it is missing or not a record.</summary>
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
            return record is { Path: not null, Winner: not null, Loser: not null } ? record : null;
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
