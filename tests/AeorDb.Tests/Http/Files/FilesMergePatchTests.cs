using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Files;

/// <summary>CONTRACT §4.5: PATCH with <c>application/merge-patch+json</c> (RFC 7396).</summary>
public sealed class FilesMergePatchTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const string MergePatch = "application/merge-patch+json";

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task MergePatch_ExistingJson_AppliesRfc7396AndReturns200()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("merge") + "/doc.json";
        await root.PutFileAsync(path, Encoding.UTF8.GetBytes("""{"a":1,"b":{"c":2,"keep":true},"list":[1,2]}"""), "application/json");

        using (var response = await root.PatchJsonAsync("/files" + path, """{"b":{"c":null,"d":3},"e":"x","list":[9]}""", MergePatch))
        {
            await Expect.StatusAsync(response, HttpStatusCode.OK);
        }

        var stored = await ReadJsonAsync(root, path);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse("""{"a":1,"b":{"keep":true,"d":3},"list":[9],"e":"x"}"""), stored),
            $"stored document: {stored?.ToJsonString()}");
    }

    [Fact]
    public async Task MergePatch_MissingFile_CreatesItAndReturns201()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("mergenew") + "/new.json";

        using (var response = await root.PatchJsonAsync("/files" + path, """{"created":true,"gone":null}""", MergePatch))
        {
            await Expect.StatusAsync(response, HttpStatusCode.Created);
        }

        var stored = await ReadJsonAsync(root, path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"created":true}"""), stored), $"stored document: {stored?.ToJsonString()}");
    }

    [Fact]
    public async Task MergePatch_StoredFileNotJson_Returns415()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("mergetext") + "/notes.txt";
        await root.PutTextAsync(path, "not json at all");

        using var response = await root.PatchJsonAsync("/files" + path, """{"a":1}""", MergePatch);

        await Expect.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task MergePatch_BodyNotJson_Returns415()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("mergebad") + "/doc.json";
        await root.PutFileAsync(path, Encoding.UTF8.GetBytes("""{"a":1}"""), "application/json");

        using var response = await root.PatchJsonAsync("/files" + path, "{not json", MergePatch);

        await Expect.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private static async Task<JsonNode?> ReadJsonAsync(ApiClient root, string path)
    {
        using var response = await root.GetAsync("/files" + path);
        return JsonNode.Parse(await Expect.BytesAsync(response, HttpStatusCode.OK));
    }
}
