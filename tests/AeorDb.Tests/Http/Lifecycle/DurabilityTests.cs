using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Lifecycle;

/// <summary>An acknowledged write survives <c>kill -9</c> in both durability modes (README "Durability").</summary>
public sealed class DurabilityTests
{
    private const int FileCount = 50;

    [Theory]
    [InlineData("normal")]
    [InlineData("full")]
    public async Task Kill9_AfterFiftyAcknowledgedPuts_RestartKeepsEveryFileByteIdentical(string durability)
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = ["--durability", durability] });
        var root = await node.RootAsync();
        var directory = TestPaths.Unique("durable");
        // Fixed seed: the same sizes and bytes every run, from empty to just over two chunks.
        var random = new Random(20240611);
        var written = new Dictionary<string, (byte[] Bytes, string Hash)>();
        for (var i = 0; i < FileCount; i++)
        {
            var size = i switch { 0 => 0, 1 => 262_144, 2 => 262_145, 3 => 600_000, _ => random.Next(1, 70_000) };
            var bytes = new byte[size];
            random.NextBytes(bytes);
            if (size > 0)
            {
                bytes[0] = (byte)i; // distinct even if two draws matched
            }

            var path = $"{directory}/f{i:D2}.bin";
            var body = await root.PutFileAsync(path, bytes, "application/x-test");
            written[path] = (bytes, body.GetProperty("hash").GetString()!);
        }

        await node.KillAsync();
        await node.RestartAsync();

        foreach (var (path, (bytes, hash)) in written)
        {
            using var response = await root.GetAsync("/files" + path);
            var actual = await Expect.BytesAsync(response, HttpStatusCode.OK);
            Assert.True(bytes.AsSpan().SequenceEqual(actual), $"{path}: {actual.Length} bytes back, {bytes.Length} written, content differs");
        }

        using var listing = await root.GetAsync($"/files{directory}/");
        var items = (await Expect.JsonAsync(listing, HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(FileCount, items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            var path = item.GetProperty("path").GetString()!;
            Assert.Equal(written[path].Hash, item.GetProperty("hash").GetString());
            Assert.Equal(written[path].Bytes.Length, item.GetProperty("size").GetInt64());
        }
    }
}
