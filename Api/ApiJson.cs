using System.Text.Json;

namespace AeorDb.Api;

/// <summary>JSON settings of every wire body: snake_case names as the contract spells them, nulls written (the contract shows them).</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the wire settings to an options instance (also used for ASP.NET's own JSON options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;

        // Bodies are JSON for API clients, never embedded in HTML, so '+', '<' or non-ASCII need no escaping
        // (the default encoder would send RFC 3339 offsets as "\u002B00:00").
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }
}
