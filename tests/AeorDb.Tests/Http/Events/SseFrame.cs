using System.Text.Json;

namespace AeorDb.Tests.Http.Events;

/// <summary>One server-sent event frame: its <c>id:</c>, <c>event:</c> and <c>data:</c> lines, or a comment.</summary>
public sealed record SseFrame(string? Id, string? Event, string? Data, string? Comment)
{
    /// <summary>The parsed <c>data:</c> JSON (the event envelope).</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Data ?? throw new InvalidOperationException($"Frame has no data: {this}"));
            return document.RootElement.Clone();
        }
    }

    /// <summary>The envelope's <c>payload</c>.</summary>
    public JsonElement Payload => Json.GetProperty("payload");

    /// <summary>The entry paths of an entries event.</summary>
    public IReadOnlyList<string> Paths =>
        Payload.TryGetProperty("entries", out var entries) ? [.. entries.EnumerateArray().Select(entry => entry.GetProperty("path").GetString()!)] : [];
}
