using Xunit;

namespace AeorDb.Tests.TestSupport;

/// <summary>
/// One node shared by the tests of a class whose tests do not interfere (each uses fresh paths from
/// <see cref="TestPaths"/>). A test that needs its own node starts one with <see cref="AeorDbNode.StartAsync"/>.
/// </summary>
public sealed class NodeFixture : IAsyncLifetime
{
    private AeorDbNode? _node;

    /// <summary>The shared node.</summary>
    public AeorDbNode Node => _node ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _node = await AeorDbNode.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
