using System.Globalization;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>The sweep and the compaction of a collection on the writer connection of the SQLite store.</summary>
internal static class SqliteSweeper
{
    /// <summary>
    /// Deletes the doomed objects with their reference rows, then the root and history rows past retention, inside the
    /// writer's <paramref name="transaction"/>; counts what it deleted into <paramref name="sweep"/>.
    /// </summary>
    public static void Delete(SqliteConnection connection, SqliteTransaction transaction, SweepWrite sweep, IReadOnlyList<(byte[] Hash, ObjectKind Kind, long Length)> doomed)
    {
        using (var delete = Command(connection, transaction, SqliteCollectSql.DeleteObject, ("$hash", SqliteType.Blob)))
        using (var deleteReferences = Command(connection, transaction, SqliteCollectSql.DeleteObjectReferences, ("$hash", SqliteType.Blob)))
        {
            foreach (var (hash, _, length) in doomed)
            {
                delete.Parameters[0].Value = hash;
                if (delete.ExecuteNonQuery() > 0)
                {
                    deleteReferences.Parameters[0].Value = hash;
                    deleteReferences.ExecuteNonQuery();
                    sweep.Swept++;
                    sweep.SweptBytes += length;
                }
            }
        }

        DeleteBySeq(connection, transaction, SqliteCollectSql.DeleteRoot, sweep.Plan.DroppedRoots);
        DeleteBySeq(connection, transaction, SqliteCollectSql.DeleteHistoryRow, sweep.Plan.DroppedHistory);
    }

    /// <summary>
    /// Gives freed pages back to the file system and empties the WAL. A file created with incremental auto-vacuum moves
    /// its last pages into the free ones and truncates; an older file is converted once by a full VACUUM. True when the
    /// checkpoint completed: every commit before it is then in the synced database file.
    /// </summary>
    public static bool Compact(SqliteConnection connection)
    {
        var mode = Convert.ToInt64(connection.Scalar("PRAGMA auto_vacuum"), CultureInfo.InvariantCulture);
        if (mode == 2)
        {
            connection.Execute("PRAGMA incremental_vacuum");
        }
        else
        {
            connection.Execute("PRAGMA auto_vacuum = INCREMENTAL");
            connection.Execute("VACUUM");
        }

        // TRUNCATE: the WAL, grown by the sweep and the page moves, goes back to zero bytes once every reader is past it.
        // Its first column is 1 when a reader or writer kept it from completing.
        return Convert.ToInt64(connection.Scalar("PRAGMA wal_checkpoint(TRUNCATE)"), CultureInfo.InvariantCulture) == 0;
    }

    private static void DeleteBySeq(SqliteConnection connection, SqliteTransaction transaction, string sql, List<long> seqs)
    {
        using var delete = Command(connection, transaction, sql, ("$seq", SqliteType.Integer));
        foreach (var seq in seqs)
        {
            delete.Parameters[0].Value = seq;
            delete.ExecuteNonQuery();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, (string Name, SqliteType Type) parameter)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add(parameter.Name, parameter.Type);
        return command;
    }

}
