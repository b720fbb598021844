using AeorDb.Silo.Hosting;
using AeorDb.Silo.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace AeorDb.Tests.Silo;

public sealed class OrleansSqliteSchemaTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aeordb-schema-").FullName;
    private IHost? _host;

    private string DatabasePath => Path.Combine(_directory, "node.aeordb");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Apply_Twice_LeavesSameSchemaAndQueries()
    {
        var connectionString = SqliteDatabase.ConnectionString(DatabasePath);
        await OrleansSqliteSchema.ApplyAsync(connectionString);
        var first = await DescribeAsync(connectionString);

        await OrleansSqliteSchema.ApplyAsync(connectionString);
        var second = await DescribeAsync(connectionString);

        Assert.Equal(first, second);
        Assert.Contains("journal_mode=wal", second);
        Assert.Contains("query:WriteToStorageKey", second);
        Assert.Contains("query:ReadFromStorageKey", second);
        Assert.Contains("query:ClearStorageKey", second);
    }

    [Fact]
    public async Task DataSource_OpenedConnection_HasBusyTimeout()
    {
        await using var dataSource = new BusyTimeoutSqliteDataSource(SqliteDatabase.ConnectionString(DatabasePath));
        await using var connection = dataSource.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";

        Assert.Equal((long)SqliteDatabase.BusyTimeout.TotalMilliseconds, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Provider_WriteThenRead_RoundTrips()
    {
        var storage = await StartStorageAsync();
        var grainId = GrainId.Create("test", "round-trip");

        var written = new GrainState<string> { State = "first" };
        await storage.WriteStateAsync("TestGrain", grainId, written);
        written.State = "second";
        await storage.WriteStateAsync("TestGrain", grainId, written);

        var read = new GrainState<string>();
        await storage.ReadStateAsync("TestGrain", grainId, read);
        Assert.Equal("second", read.State);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Provider_IntegerKeyWithoutExtension_RoundTrips()
    {
        var storage = await StartStorageAsync();
        var grainId = GrainId.Create(GrainType.Create("cluster"), GrainIdKeyExtensions.CreateIntegerKey(0));

        await storage.WriteStateAsync("ClusterGrain", grainId, new GrainState<string> { State = "node" });

        var read = new GrainState<string>();
        await storage.ReadStateAsync("ClusterGrain", grainId, read);
        Assert.Equal("node", read.State);
    }

    [Fact]
    public async Task Provider_StaleVersionWrite_ThrowsInconsistentState()
    {
        var storage = await StartStorageAsync();
        var grainId = GrainId.Create("test", "stale");
        var first = new GrainState<string> { State = "a" };
        await storage.WriteStateAsync("TestGrain", grainId, first);
        var second = new GrainState<string> { State = "b", ETag = first.ETag, RecordExists = true };
        await storage.WriteStateAsync("TestGrain", grainId, second);

        first.State = "lost update";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("TestGrain", grainId, first));

        var read = new GrainState<string>();
        await storage.ReadStateAsync("TestGrain", grainId, read);
        Assert.Equal("b", read.State);
    }

    [Fact]
    public async Task Provider_FirstWriteOverExistingRow_ThrowsInconsistentState()
    {
        var storage = await StartStorageAsync();
        var grainId = GrainId.Create("test", "double-activation");
        await storage.WriteStateAsync("TestGrain", grainId, new GrainState<string> { State = "a" });

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("TestGrain", grainId, new GrainState<string> { State = "b" }));
    }

    [Fact]
    public async Task Provider_ClearWithStaleVersion_ThrowsInconsistentState()
    {
        var storage = await StartStorageAsync();
        var grainId = GrainId.Create("test", "clear");
        var state = new GrainState<ClearableState> { State = new() { Value = "a" } };
        await storage.WriteStateAsync("TestGrain", grainId, state);
        var stale = new GrainState<ClearableState> { State = state.State, ETag = state.ETag, RecordExists = true };
        await storage.WriteStateAsync("TestGrain", grainId, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("TestGrain", grainId, stale));
        await storage.ClearStateAsync("TestGrain", grainId, state);

        var read = new GrainState<ClearableState>();
        await storage.ReadStateAsync("TestGrain", grainId, read);
        Assert.Null(read.State?.Value);
        Assert.Equal(state.ETag, read.ETag);
    }

    /// <summary>A silo configured exactly as the node configures it, on a fresh file; returns its "aeordb" grain storage.</summary>
    private async Task<IGrainStorage> StartStorageAsync()
    {
        await OrleansSqliteSchema.ApplyAsync(SqliteDatabase.ConnectionString(DatabasePath));
        var builder = Host.CreateApplicationBuilder();
        builder.AddAeorDbOrleans(DatabasePath, FreePorts.OrPick(0), FreePorts.OrPick(0));
        _host = builder.Build();
        await _host.StartAsync();
        return _host.Services.GetRequiredKeyedService<IGrainStorage>(OrleansHostingExtensions.StorageName);
    }

    private static async Task<string> DescribeAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode";
            lines.Add("journal_mode=" + await command.ExecuteScalarAsync());
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT type || ':' || name || ':' || IFNULL(sql, '') FROM sqlite_master ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT 'query:' || QueryKey || ':' || QueryText FROM OrleansQuery ORDER BY QueryKey";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>A state type the provider can instantiate when a clear resets it.</summary>
    [GenerateSerializer]
    public sealed class ClearableState
    {
        [Id(0)]
        public string? Value { get; set; }
    }
}
