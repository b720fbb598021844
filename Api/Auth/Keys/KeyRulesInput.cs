using System.Text.Json;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Auth.Keys;

/// <summary>Parses the input form of key rules, <c>[{"&lt;glob&gt;":"&lt;flags&gt;"}]</c> (CONTRACT §3.6), into stored rules.</summary>
internal static class KeyRulesInput
{
    /// <summary>The rules, or the 400 message (<c>Invalid rules: …</c>). Absent or null means no rules.</summary>
    public static (IReadOnlyList<KeyRule> Rules, string? Error) Parse(JsonElement? input, IPathRules paths)
    {
        if (input is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return ([], null);
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return ([], "Invalid rules: rules must be an array of {\"<glob>\": \"<flags>\"} objects");
        }

        var rules = new List<KeyRule>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return ([], "Invalid rules: each rule must be an object with exactly one glob key");
            }

            using var properties = item.EnumerateObject();
            if (!properties.MoveNext())
            {
                return ([], "Invalid rules: each rule must be an object with exactly one glob key");
            }

            var property = properties.Current;
            if (properties.MoveNext())
            {
                return ([], "Invalid rules: each rule must be an object with exactly one glob key");
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return ([], $"Invalid rules: flags for '{property.Name}' must be a string");
            }

            var flags = property.Value.GetString()!;
            var problem = paths.ValidateGlob(property.Name) ?? paths.ValidateFlags(flags);
            if (problem is not null)
            {
                return ([], "Invalid rules: " + problem);
            }

            rules.Add(new KeyRule(property.Name, flags));
        }

        return (rules, null);
    }
}
