using System.Data.Common;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>Maps rows of the tree-entry tables (catalog, history, deletions share the columns and their order).</summary>
internal static class EntryRows
{
    /// <summary>Every row of the lease's statement.</summary>
    public static async Task<List<FileEntry>> ReadAllAsync(ReadLease lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = new List<FileEntry>();
        await using var reader = await lease.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await lease.ReadAsync(reader, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Read(reader));
            if ((entries.Count & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return entries;
    }

    /// <summary>Maps the current row.</summary>
    public static FileEntry Read(DbDataReader reader)
    {
        // The hash column's value is read whole: SQLite's GetBytes opens a blob stream per call (a column-metadata query
        // each time), measured as most of a cold start's catalog read.
        var hash = reader.GetFieldValue<byte[]>(2);
        return new FileEntry(
            reader.GetString(0),
            (EntryKind)reader.GetInt64(1),
            Convert.ToHexStringLower(hash),
            reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetInt64(6),
            reader.GetInt64(7),
            new VersionStamp(reader.GetInt64(8), unchecked((ulong)reader.GetInt64(9))));
    }
}
