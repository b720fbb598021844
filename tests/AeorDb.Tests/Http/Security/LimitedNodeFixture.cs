using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Security;

/// <summary>One node started with small resource limits, so the tests reach each limit in a few requests.</summary>
public sealed class LimitedNodeFixture : IAsyncLifetime
{
    /// <summary>Open event streams one caller may hold.</summary>
    public const int StreamsPerCaller = 2;

    /// <summary>Items per listing page.</summary>
    public const int ListingPage = 3;

    /// <summary>Largest permissions file.</summary>
    public const int PermissionsFileBytes = 1024;

    /// <summary>Most request headers.</summary>
    public const int RequestHeaders = 40;

    private AeorDbNode? _node;

    /// <summary>The node.</summary>
    public AeorDbNode Node => _node ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _node = await AeorDbNode.StartAsync(new NodeOptions
    {
        ExtraArguments =
        [
            "--max-event-streams-per-caller", StreamsPerCaller.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--max-listing-page", ListingPage.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--max-permissions-file-bytes", PermissionsFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--max-request-headers", RequestHeaders.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--max-glob-alternatives", "16",
        ],
    });

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
