using System.Text.Json.Serialization;

namespace AeorDb.Api.Errors;

/// <summary>The contract's one error body (CONTRACT §1.2): <c>{"error":"…","code":"…"}</c>, <c>code</c> left out when unset.</summary>
internal sealed record ErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code);
