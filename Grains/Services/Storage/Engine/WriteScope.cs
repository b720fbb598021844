using System.Data.Common;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>
/// A transaction of the engine on a dialect's connection: the writer's group transaction, or the mark phase's
/// snapshot. Disposing rolls back what was not committed and closes the connection when the scope owns it
/// (PostgreSQL's pooled connections; SQLite's writer connection lives as long as the store).
/// </summary>
internal sealed class WriteScope(DbConnection connection, DbTransaction transaction, bool ownsConnection) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    /// <summary>A command for <paramref name="statement"/> enlisted in this transaction.</summary>
    public DbCommand Command(SqlStatement statement) => statement.CreateCommand(Connection, Transaction);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync().ConfigureAwait(false);
        if (ownsConnection)
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
