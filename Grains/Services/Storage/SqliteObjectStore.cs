using System.Collections.Concurrent;
using System.Threading.Channels;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Collection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// The embedded object store and tree store on the SQLite database file (<c>-D</c>), which it shares with
/// Orleans' grain-state tables. Writes funnel through one writer connection with group commit
/// (<c>.Writer.cs</c>); reads use a pool of WAL read connections (<c>.Objects.cs</c>, <c>.Tree.cs</c>);
/// pragmas and tables are in <c>.Schema.cs</c> and every SQL text in <see cref="SqliteStoreSql"/>.
/// Call <see cref="InitializeAsync"/> once before use and dispose on shutdown (drains pending writes).
/// </summary>
internal sealed partial class SqliteObjectStore(IOptions<SqliteStoreOptions> options, ILogger<SqliteObjectStore> logger, TimeProvider? time = null) : INodeStore
{
    private readonly SqliteStoreOptions _options = options.Value;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly InFlightObjects _inFlight = new(time ?? TimeProvider.System);
    private readonly ILogger _logger = logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentBag<SqliteReadSession> _idleReaders = [];
    private readonly ConcurrentDictionary<string, FileVersion> _versionCache = new(StringComparer.Ordinal);
    private WriteBudget _budget = null!;
    private SemaphoreSlim _readSlots = null!;
    private SqliteWriteSession? _writer;
    private Task _writerLoop = Task.CompletedTask;
    private string _connectionString = "";
    private int _disposed;
    private int _versionCacheCount;

    /// <summary>Creates the store's tables idempotently; call once at start-up before any other member.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_writer is not null)
        {
            return;
        }

        _connectionString = BuildConnectionString(_options.DatabasePath);
        _budget = new WriteBudget(_options.MaxQueuedBytes);
        _readSlots = new SemaphoreSlim(Math.Max(1, _options.MaxReadConnections));
        _writer = await Task.Run(OpenWriter, cancellationToken).ConfigureAwait(false);
        await Task.Run(() => OpenSegments(_writer.Connection), cancellationToken).ConfigureAwait(false);
        await Task.Run(() => BackfillReferences(_writer.Connection), cancellationToken).ConfigureAwait(false);
        _writerLoop = Task.Run(RunWriterAsync, CancellationToken.None);
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_writer is null)
        {
            throw new InvalidOperationException("The object store is not initialized: call InitializeAsync at start-up.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
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
