using System.Text;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Clock;
using AeorDb.Grains.Services.Storage;
using AeorDb.Grains.Tree;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using Xunit;

namespace AeorDb.Tests.Grains;

/// <summary>
/// One in-process silo for every grain test: the tree grain is node-wide (key 0), so its store is one
/// real SQLite file in a temp directory. Grain state uses memory storage under the provider name "aeordb".
/// </summary>
public class GrainClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aeordb-grains-" + Guid.NewGuid().ToString("N"));
    private SqliteObjectStore? _store;

    internal InProcessTestCluster Cluster { get; private set; } = null!;

    internal GatedTreeStore TreeStore { get; private set; } = null!;

    internal IObjectStore ObjectStore => _store!;

    internal HybridClock Clock { get; } = new(TimeProvider.System);

    internal ITreeGrain Tree => Cluster.Client.GetGrain<ITreeGrain>(0);

    /// <summary>The silo's HEAD cache (one silo: the tree grain is always local to it).</summary>
    internal LocalHead Head { get; } = new(Options.Create(new LocalHeadOptions()));

    internal IFileGrain File(string path) => Cluster.Client.GetGrain<IFileGrain>(path);

    /// <summary>A fresh top-level directory path for one test.</summary>
    internal static string NewDirectory() => "/t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Stores a real file version (one chunk) and returns it.</summary>
    internal async Task<FileVersion> StoreVersionAsync(string text, string contentType = "text/plain")
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var chunk = await _store!.PutChunkAsync(bytes, system: false);
        return await _store.PutFileVersionAsync([Convert.ToHexStringLower(chunk)], bytes.Length, contentType, system: false);
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(_directory, "node.aeordb") };
        _store = new SqliteObjectStore(Options.Create(options), NullLogger<SqliteObjectStore>.Instance);
        await _store.InitializeAsync();
        TreeStore = new GatedTreeStore(_store);
        Clock.SetNodeId(42);

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("aeordb");
            silo.Services.AddSingleton<IObjectStore>(_store);
            silo.Services.AddSingleton<ITreeStore>(TreeStore);
            silo.Services.AddSingleton<IHybridClock>(Clock);
            silo.Services.AddSingleton(Head);

            // One batch in flight: the tests that hold the store at its gate count the calls queued behind one commit.
            silo.Services.Configure<TreeCommitOptions>(options => options.PipelineDepth = 1);
            ConfigureServices(silo.Services);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>A fixture with other options adds them here.</summary>
    private protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>Grain tests share one cluster and run one at a time (the tree grain and its store are shared).</summary>
[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
