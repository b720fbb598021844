using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AeorDb.Api.Health;

/// <summary>
/// The body of <c>/health/live</c> and <c>/health/ready</c>: the overall status and every check that ran, e.g.
/// <c>{"status":"unhealthy","checks":[{"name":"disk","status":"unhealthy","description":"…","duration_ms":0.1,"data":{…}}]}</c>.
/// Descriptions name what failed, never connection strings, tokens or file contents.
/// </summary>
internal static class HealthJson
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteString("status", Name(report.Status));
        json.WriteNumber("duration_ms", Math.Round(report.TotalDuration.TotalMilliseconds, 3));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", Name(entry.Status));
            json.WriteString("description", entry.Description ?? entry.Exception?.GetType().Name ?? "");
            json.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 3));
            if (entry.Data.Count > 0)
            {
                json.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    WriteValue(json, key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object value)
    {
        switch (value)
        {
            case long number:
                json.WriteNumber(key, number);
                break;
            case int number:
                json.WriteNumber(key, number);
                break;
            case double number:
                json.WriteNumber(key, number);
                break;
            case bool flag:
                json.WriteBoolean(key, flag);
                break;
            default:
                json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
