using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Grains.Peers;

/// <summary>
/// Puller tests against one real remote node with auth disabled, so every /sync caller is a peer: the node is started
/// before each test and stopped after it.
/// </summary>
public abstract class RemotePeerTests : IAsyncLifetime
{
    private AeorDbNode? _remote;

    protected AeorDbNode Remote => _remote ?? throw new InvalidOperationException("The remote node is not started.");

    public async Task InitializeAsync() =>
        _remote = await AeorDbNode.StartAsync(new NodeOptions { Auth = "disabled", ExpectRootKey = false });

    public async Task DisposeAsync()
    {
        if (_remote is not null)
        {
            await _remote.DisposeAsync();
        }
    }
}
