using System.Collections.Concurrent;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Collection;
using AeorDb.Grains.Services.Storage.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>
/// The object store and tree store on PostgreSQL (<c>--cluster-db</c>), shared by every silo of a node: the PostgreSQL
/// dialect of the shared engine (<see cref="SqlNodeStore"/>). Writes funnel through one writer loop per silo with group
/// commit on pooled connections (<c>.Writer.cs</c>, <see cref="PostgresCommitStatements"/>); reads take pooled
/// connections (<c>.Objects.cs</c>, <c>.Reads.cs</c>); the schema is <c>deploy/postgres/aeordb-store.sql</c>, applied at
/// start under an advisory lock (<c>.Schema.cs</c>). Tree commits are compare-and-swap on HEAD's row, so a second
/// activation of the tree on another silo can never overwrite a commit it has not seen.
/// Call <see cref="InitializeAsync"/> once before use and dispose on shutdown (drains pending writes).
/// </summary>
internal sealed partial class PostgresObjectStore(IOptions<PostgresStoreOptions> options, ILogger<PostgresObjectStore> logger, TimeProvider? time = null)
    : SqlNodeStore(logger, time), INodeStore
{
    private readonly PostgresStoreOptions _options = options.Value;
    private readonly InFlightObjects _inFlight = new(time ?? TimeProvider.System);
    private readonly ILogger _logger = logger;
    private readonly ConcurrentDictionary<string, FileVersion> _versionCache = new(StringComparer.Ordinal);
    private NpgsqlDataSource? _dataSource;
    private int _versionCacheCount;

    private protected override InFlightObjects InFlight => _inFlight;

    private protected override StoreSql Sql => PostgresStoreSql.Engine;

    /// <summary>Opens the connection pool and creates the store's tables idempotently; call once at start-up.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_dataSource is not null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new InvalidOperationException("The PostgreSQL object store needs a connection string.");
        }

        var dataSource = BuildDataSource(_options.ConnectionString, _options.Durability);
        try
        {
            await ApplySchemaAsync(dataSource, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _dataSource = dataSource;
        StartWriter(_options.MaxQueuedBytes, _options.MaxBatchBytes, _options.MaxBatchAttempts);
    }

    private NpgsqlDataSource DataSource
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _dataSource ?? throw new InvalidOperationException("The object store is not initialized: call InitializeAsync at start-up.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!BeginDispose())
        {
            return;
        }

        await StopWriterAsync().ConfigureAwait(false);
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static NpgsqlDataSource BuildDataSource(string connectionString, Durability durability)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // The store's own sessions only: a commit waits for the server's WAL flush (full) or not (normal; a crash of
        // the PostgreSQL server may then lose the last commits, a crash of a silo never does).
        var synchronous = durability == Durability.Full ? "on" : "off";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? $"-c synchronous_commit={synchronous}"
            : $"{builder.Options} -c synchronous_commit={synchronous}";

        // The store runs a handful of statements over and over: let Npgsql prepare them on each pooled connection.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }
}
