using AeorDb.Grains.Tree;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Tests.Grains.Tree;

/// <summary>A cluster whose tree grain lingers for ten minutes (never, in a passing test) and from batches of two calls.</summary>
public sealed class LingerClusterFixture : GrainClusterFixture
{
    private protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<TreeCommitOptions>(options =>
        {
            options.BatchLinger = TimeSpan.FromMinutes(10);
            options.LingerMinCalls = 2;
        });
}
