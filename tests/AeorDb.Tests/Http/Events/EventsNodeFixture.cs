using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Events;

/// <summary>One node with 200 ms heartbeats, shared by the event-stream tests (each uses fresh paths).</summary>
public sealed class EventsNodeFixture : IAsyncLifetime
{
    /// <summary>The heartbeat interval the node runs with.</summary>
    public const int HeartbeatMs = 200;

    private AeorDbNode? _node;

    /// <summary>The shared node.</summary>
    public AeorDbNode Node => _node ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _node = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = ["--heartbeat-interval-ms", HeartbeatMs.ToString()] });

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
