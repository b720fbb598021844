using System.Net;
using AeorDb.Tests.Http.ScaleOut;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Operations;

/// <summary>Readiness and metrics of a silo on PostgreSQL (<c>--cluster-db</c>): the PostgreSQL check joins the others.</summary>
public sealed class ScaleOutHealthTests
{
    [PostgresFact]
    public async Task Ready_ScaleOutSilo_ListsPostgresqlAndMembershipHealthy()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await ScaleOutSilos.StartAsync(database, first: true);

        using var response = await silo.Anonymous.GetAsync("/health/ready");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("healthy", HealthEndpointTests.Check(body, "postgresql").GetProperty("status").GetString());
        Assert.Equal("healthy", HealthEndpointTests.Check(body, "membership").GetProperty("status").GetString());
        Assert.Equal("healthy", HealthEndpointTests.Check(body, "store").GetProperty("status").GetString());

        var root = await silo.RootAsync();
        await root.PutTextAsync(TestPaths.Unique("pg") + "/a.txt", "on postgres");
        Assert.True(
            await Poll.UntilAsync(async () => (await PrometheusScrape.TakeAsync(root)).Sum("aeordb_store_objects") > 0, ScaleOutSilos.Deadline),
            "aeordb_store_objects never appeared on the PostgreSQL store");
    }
}
