using System.Text.Json.Nodes;
using AeorDb.Api.Files;
using Xunit;

namespace AeorDb.Tests.Api.Files;

public sealed class JsonMergePatchTests
{
    [Theory]
    [InlineData("{\"a\":1,\"b\":2}", "{\"b\":20,\"c\":3}", "{\"a\":1,\"b\":20,\"c\":3}")]
    [InlineData("{\"a\":1,\"b\":2}", "{\"b\":null}", "{\"a\":1}")]
    [InlineData("{\"a\":{\"x\":1,\"y\":2}}", "{\"a\":{\"y\":null,\"z\":3}}", "{\"a\":{\"x\":1,\"z\":3}}")]
    [InlineData("{\"a\":[1,2]}", "{\"a\":[3]}", "{\"a\":[3]}")]
    [InlineData("[1,2]", "{\"a\":1}", "{\"a\":1}")]
    [InlineData("{\"a\":1}", "[1]", "[1]")]
    [InlineData("{\"a\":\"x\"}", "{\"a\":{\"b\":{\"c\":null,\"d\":1}}}", "{\"a\":{\"b\":{\"d\":1}}}")]
    public void Apply_Rfc7396Examples_Merge(string target, string patch, string expected) =>
        AssertJson(expected, JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch), null));

    [Fact]
    public void Apply_DepthZero_ReplacesDocument() =>
        AssertJson("{\"b\":1}", JsonMergePatch.Apply(JsonNode.Parse("{\"a\":1}"), JsonNode.Parse("{\"b\":1}"), 0));

    [Fact]
    public void Apply_PositiveDepth_ReplacesObjectsBelow() =>
        AssertJson(
            "{\"a\":{\"y\":2},\"k\":1}",
            JsonMergePatch.Apply(JsonNode.Parse("{\"a\":{\"x\":1},\"k\":1}"), JsonNode.Parse("{\"a\":{\"y\":2}}"), 1));

    [Fact]
    public void Apply_NegativeDepth_PreservesObjectsBelow() =>
        AssertJson(
            "{\"a\":{\"x\":1},\"k\":2}",
            JsonMergePatch.Apply(JsonNode.Parse("{\"a\":{\"x\":1},\"k\":1}"), JsonNode.Parse("{\"a\":{\"y\":2},\"k\":2}"), -1));

    [Fact]
    public void Apply_DepthTwo_MergesTwoLevels() =>
        AssertJson(
            "{\"a\":{\"x\":1,\"b\":{\"z\":3}}}",
            JsonMergePatch.Apply(JsonNode.Parse("{\"a\":{\"x\":1,\"b\":{\"y\":2}}}"), JsonNode.Parse("{\"a\":{\"b\":{\"z\":3}}}"), 2));

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");
}
