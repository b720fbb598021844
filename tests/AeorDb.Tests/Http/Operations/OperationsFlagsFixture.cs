using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Operations;

/// <summary>
/// One node with every operations flag on: <c>--dashboard</c>, <c>--request-log</c>, <c>--metrics-public</c>, and a
/// readiness disk threshold no disk meets (so it serves, but is not ready).
/// </summary>
public sealed class OperationsFlagsFixture : IAsyncLifetime
{
    /// <summary>A free-space minimum of 1 EiB in MiB: above any real disk's free space.</summary>
    public const string UnreachableMinFreeMb = "1099511627776";

    private AeorDbNode? _node;

    public AeorDbNode Node => _node ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync() => _node = await AeorDbNode.StartAsync(new NodeOptions
    {
        ExtraArguments = ["--dashboard", "--request-log", "--metrics-public", "--ready-min-free-disk-mb", UnreachableMinFreeMb],
    });

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
