using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>What a tree commit writes and in which order, for every dialect (<see cref="ICommitStatements"/>).</summary>
internal static class TreeCommitWriter
{
    /// <summary>
    /// Writes <paramref name="commit"/>: the compare-and-swap on HEAD first (PostgreSQL takes HEAD's row lock there, which
    /// orders concurrent commits of several silos; SQLite holds the write lock already), then the new objects, the catalog
    /// upserts with their history rows, the reference index rows (in this transaction, or /blobs and /sync/chunks could
    /// refuse what HEAD references), the catalog deletes, the root row, and last the tombstones, tagged with that root row.
    /// Throws <see cref="TreeHeadMovedException"/> when HEAD moved; the caller's savepoint undoes what was written.
    /// </summary>
    public static async ValueTask WriteAsync(ICommitStatements statements, TreeCommit commit)
    {
        var root = Convert.FromHexString(commit.RootHash);
        if (!await statements.TryMoveHeadAsync(commit.BaseRootHash, root, commit.CommittedAt).ConfigureAwait(false))
        {
            throw TreeHeadMovedException.For(commit.BaseRootHash, await statements.ReadHeadAsync().ConfigureAwait(false));
        }

        if (commit.Objects.Count > 0)
        {
            await statements.InsertObjectsAsync(commit.Objects).ConfigureAwait(false);
        }

        if (commit.Upserts.Count > 0)
        {
            statements.UpsertCatalog(commit.Upserts);
            statements.ClearDeletions(commit.Upserts);
            var versions = commit.Upserts.Where(static e => e.Kind != EntryKind.Directory).ToList();
            if (versions.Count > 0)
            {
                statements.InsertHistory(versions);
            }
        }

        if (commit.References.Count > 0)
        {
            statements.InsertReferences(commit.References);
        }

        if (commit.Deletes.Count > 0)
        {
            statements.DeleteCatalog(commit.Deletes);
        }

        statements.InsertRoot(root, commit.CommittedAt);
        if (commit.Tombstones.Count > 0)
        {
            statements.InsertHistory(commit.Tombstones);
            statements.UpsertDeletions(commit.Tombstones);
        }

        await statements.FlushAsync().ConfigureAwait(false);
    }
}
