using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>The reference index (<see cref="AeorDb.Grains.Interfaces.IObjectReferences"/>): lookups and the one-time backfill.</summary>
internal abstract partial class SqlNodeStore
{
    /// <summary>History rows read per page of the backfill.</summary>
    private const int BackfillPage = 5000;

    public async Task<IReadOnlyList<string>> GetReferencingPathsAsync(ReadOnlyMemory<byte> hash, int limit, CancellationToken cancellationToken = default)
    {
        using var lease = await OpenRead(Sql.SelectReferencingPaths, cancellationToken).ConfigureAwait(false);
        lease.Bind(0, ObjectBytes.KeyOf(hash)).Bind(1, (long)Math.Max(0, limit));
        var paths = new List<string>();
        await using var reader = await lease.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await lease.ReadAsync(reader, cancellationToken).ConfigureAwait(false))
        {
            paths.Add(reader.GetString(0));
        }

        return paths;
    }

    /// <summary>
    /// Fills the reference index from the retained history, once per database (a marker row records it), in the
    /// dialect's start-up transaction <paramref name="scope"/> (SQLite: on the writer connection before the writer loop
    /// starts; PostgreSQL: in the schema transaction under its advisory lock, so one silo does it and the others find it
    /// done). A database written before the index existed then authorizes hash-addressed reads of its older objects too.
    /// </summary>
    private protected async Task BackfillReferencesAsync(WriteScope scope, ICommitStatements statements, CancellationToken cancellationToken)
    {
        await using (var check = scope.Command(Sql.SelectReferencesBackfilled))
        {
            if (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        long after = 0;
        var rows = 0;
        int read;
        do
        {
            var references = new List<ObjectReference>();
            read = 0;
            await using (var select = scope.Command(Sql.SelectHistoryReferences))
            {
                select.Parameters[0].Value = after;
                select.Parameters[1].Value = (long)BackfillPage;
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    read++;
                    after = reader.GetInt64(0);
                    var record = reader.IsDBNull(5) ? null : (byte[])reader.GetValue(5);
                    references.AddRange(ObjectReference.ForHistoryRow(reader.GetString(1), (EntryKind)reader.GetInt64(2), (byte[])reader.GetValue(3), reader.GetBoolean(4), record));
                }
            }

            if (references.Count > 0)
            {
                statements.InsertReferences(references);
                await statements.FlushAsync().ConfigureAwait(false);
                rows += references.Count;
            }
        }
        while (read == BackfillPage);

        await using (var marker = scope.Command(Sql.InsertReferencesBackfilled))
        {
            await marker.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (rows > 0)
        {
            LogReferencesBackfilled(rows);
        }
    }
}
