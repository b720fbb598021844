using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Lifecycle;

/// <summary>DESIGN: several nodes run side by side on one machine when only <c>--port</c> and <c>-D</c> differ.</summary>
public sealed class SideBySideTests
{
    [Fact]
    public async Task TwoNodes_DifferingOnlyInPortAndDatabase_ServeIndependently()
    {
        var options = new NodeOptions { PassOrleansPorts = false };
        await using var first = await AeorDbNode.StartAsync(options);
        await using var second = await AeorDbNode.StartAsync(options);
        var path = TestPaths.Unique("side") + "/only-on-first.txt";

        await (await first.RootAsync()).PutFileAsync(path, Encoding.UTF8.GetBytes("first"), "text/plain");

        using (var onFirst = await (await first.RootAsync()).GetAsync("/files" + path))
        {
            await Expect.StatusAsync(onFirst, HttpStatusCode.OK);
        }

        using var onSecond = await (await second.RootAsync()).GetAsync("/files" + path);
        await Expect.ErrorAsync(onSecond, HttpStatusCode.NotFound);
        Assert.NotEqual(first.RootKey, second.RootKey);
    }
}
