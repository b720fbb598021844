using AeorDb.Grains.Tree;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Tests.Grains.Tree;

/// <summary>A test cluster whose tree grain ends every load with the compacting collection (<see cref="TreeCommitOptions.CompactAfterLoadEntries"/>).</summary>
public sealed class CompactingLoadClusterFixture : GrainClusterFixture
{
    private protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<TreeCommitOptions>(options => options.CompactAfterLoadEntries = 1);
}
