using System.Text.Json;
using AeorDb.Api.Auth.Keys;
using AeorDb.Grains.Interfaces.Models;
using Xunit;

namespace AeorDb.Tests.Api.Auth;

public sealed class KeyRulesInputTests
{
    private static (IReadOnlyList<KeyRule> Rules, string? Error) Parse(string? json) =>
        KeyRulesInput.Parse(json is null ? null : JsonDocument.Parse(json).RootElement.Clone(), new StubPathRules());

    [Fact]
    public void Parse_ContractExample_KeepsOrderInStoredForm()
    {
        var (rules, error) = Parse("""[{"/assets/**":"-r--l---"},{"**":"--------"}]""");

        Assert.Null(error);
        Assert.Equal([new KeyRule("/assets/**", "-r--l---"), new KeyRule("**", "--------")], rules);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("[]")]
    public void Parse_AbsentOrEmpty_IsNoRules(string? json)
    {
        var (rules, error) = Parse(json);

        Assert.Null(error);
        Assert.Empty(rules);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"**\"")]
    [InlineData("[\"**\"]")]
    [InlineData("[{}]")]
    [InlineData("""[{"a":"-r--l---","b":"-r--l---"}]""")]
    [InlineData("""[{"**":1}]""")]
    [InlineData("""[{"**":"rr------"}]""")]
    [InlineData("""[{"**":"-r--l--"}]""")]
    [InlineData("""[{"":"-r--l---"}]""")]
    public void Parse_Invalid_IsAnError(string json)
    {
        var (_, error) = Parse(json);

        Assert.NotNull(error);
        Assert.StartsWith("Invalid rules: ", error, StringComparison.Ordinal);
    }
}
