using System.Collections.Concurrent;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Collection;
using AeorDb.Grains.Services.Storage.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// The embedded object store and tree store on the SQLite database file (<c>-D</c>), which it shares with
/// Orleans' grain-state tables: the SQLite dialect of the shared engine (<see cref="SqlNodeStore"/>). Writes funnel
/// through one writer connection with group commit (<c>.Writer.cs</c>, <see cref="SqliteWriteSession"/>); reads use a
/// pool of WAL read connections (<c>.Objects.cs</c>, <c>.Reads.cs</c>); pragmas and tables are in <c>.Schema.cs</c> and
/// every SQL text in <see cref="SqliteStoreSql"/>. Call <see cref="InitializeAsync"/> once before use and dispose on
/// shutdown (drains pending writes).
/// </summary>
internal sealed partial class SqliteObjectStore(IOptions<SqliteStoreOptions> options, ILogger<SqliteObjectStore> logger, TimeProvider? time = null)
    : SqlNodeStore(logger, time), INodeStore
{
    private readonly SqliteStoreOptions _options = options.Value;
    private readonly InFlightObjects _inFlight = new(time ?? TimeProvider.System);
    private readonly ILogger _logger = logger;
    private readonly ConcurrentBag<SqliteReadSession> _idleReaders = [];
    private readonly ConcurrentDictionary<string, FileVersion> _versionCache = new(StringComparer.Ordinal);
    private SemaphoreSlim _readSlots = null!;
    private SqliteWriteSession? _writer;
    private SqliteCheckpointer? _checkpointer;
    private string _connectionString = "";
    private int _versionCacheCount;

    private protected override InFlightObjects InFlight => _inFlight;

    private protected override StoreSql Sql => SqliteStoreSql.Engine;

    /// <summary>Creates the store's tables idempotently; call once at start-up before any other member.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_writer is not null)
        {
            return;
        }

        _connectionString = BuildConnectionString(_options.DatabasePath, _options.GatherWalWrites);
        _readSlots = new SemaphoreSlim(Math.Max(1, _options.MaxReadConnections));
        _writer = await Task.Run(OpenWriter, cancellationToken).ConfigureAwait(false);
        await Task.Run(() => OpenSegments(_writer.Connection), cancellationToken).ConfigureAwait(false);
        await Task.Run(BackfillReferencesAsync, cancellationToken).ConfigureAwait(false);

        if (_options.GatherWalWrites && _options.BackgroundCheckpointBytes > 0)
        {
            _checkpointer = new SqliteCheckpointer(_connectionString, _options.BackgroundCheckpointBytes, _logger);
        }

        StartWriter(_options.MaxQueuedBytes, _options.MaxBatchBytes, maxBatchAttempts: 1);
    }

    private protected override void Committed() => _checkpointer?.Committed();

    /// <summary>The engine's one-time reference backfill, on the writer connection before the writer loop starts.</summary>
    private async Task BackfillReferencesAsync()
    {
        await using var scope = await BeginWriteAsync().ConfigureAwait(false);
        await BackfillReferencesAsync(scope, _writer!, CancellationToken.None).ConfigureAwait(false);
        await scope.Transaction.CommitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!BeginDispose())
        {
            return;
        }

        await StopWriterAsync().ConfigureAwait(false);
        _checkpointer?.Dispose();
        _segmentRows?.Dispose();
        _writer?.Dispose();
        _segments?.Dispose();
        while (_idleReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _readSlots?.Dispose();
    }
}
