using AeorDb.Grains.Tree;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Tests.Grains.Tree;

/// <summary>A cluster whose tree grain hands the next batch to the store while one is being written (<see cref="TreeCommitOptions.PipelineDepth"/> 2; the default is 1).</summary>
public sealed class PipelineClusterFixture : GrainClusterFixture
{
    private protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<TreeCommitOptions>(options => options.PipelineDepth = 2);
}
