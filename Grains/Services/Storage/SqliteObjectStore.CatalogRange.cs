using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage.Engine;

namespace AeorDb.Grains.Services.Storage;

/// <summary>A range read of the catalog's path key, for listings while the tree loads (<see cref="ITreeStore.ListCatalogBelowAsync"/>).</summary>
internal sealed partial class SqliteObjectStore
{
    /// <summary>Paths below "/d" sort between "/d/" and "/d0" ('0' follows '/' in SQLite's binary collation).</summary>
    private static readonly SqlStatement _catalogBelow =
        new(SqliteStoreSql.SelectCatalog + " WHERE path >= $low AND path < $high ORDER BY path LIMIT $limit");

    public override async Task<IReadOnlyList<FileEntry>?> ListCatalogBelowAsync(string directory, int limit, CancellationToken cancellationToken = default)
    {
        var low = directory == "/" ? "/" : directory + "/";
        var high = directory == "/" ? "0" : directory + "0";
        using var lease = await OpenRead(_catalogBelow, cancellationToken).ConfigureAwait(false);
        var entries = await EntryRows.ReadAllAsync(lease.Bind(0, low).Bind(1, high).Bind(2, limit + 1L), cancellationToken).ConfigureAwait(false);
        return entries.Count > limit ? null : entries;
    }
}
