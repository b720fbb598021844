using AeorDb.Tests.TestSupport;
using Xunit;
using static AeorDb.Tests.Http.Sync.SyncClient;

namespace AeorDb.Tests.Http.Sync;

/// <summary>CONTRACT §5.1: with <c>--auth disabled</c> every /sync caller is a peer.</summary>
public sealed class SyncAuthDisabledTests : IAsyncLifetime
{
    private AeorDbNode? _node;

    private AeorDbNode Node => _node!;

    public async Task InitializeAsync() =>
        _node = await AeorDbNode.StartAsync(new NodeOptions { Auth = "disabled", ExpectRootKey = false });

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnyCaller_IsAPeer_ReceivingSystemEntriesAndSystemChunks()
    {
        var anyone = Node.Anonymous;

        var diff = await DiffAsync(anyone, new { });
        var keyFile = Entry(diff, "files_added", "/.aeordb-system/config/jwt_signing_key");
        var chunks = await ChunksAsync(anyone, [keyFile.GetProperty("chunk_hashes")[0].GetString()!]);

        Assert.Equal(32, chunks.Single().Data.Length);
    }

    [Fact]
    public async Task Peer_VirtualTimeAhead_AdvancesTheNodeClock()
    {
        var anyone = Node.Anonymous;
        var ahead = DateTimeOffset.UtcNow.AddSeconds(20).ToUnixTimeMilliseconds();

        await DiffAsync(anyone, new { virtual_time = ahead, node_id = 18_446_744_073_709_551_615UL, paths = new[] { "/none/**" } });
        var written = await anyone.PutTextAsync("/clock.txt", "x");

        Assert.True(written.GetProperty("updated_at").GetInt64() > ahead, $"updated_at {written.GetProperty("updated_at")} is not past {ahead}");
    }
}
