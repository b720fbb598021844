using System.Text.Json.Nodes;

namespace AeorDb.Api.Files;

/// <summary>
/// RFC 7396 JSON merge patch with the original's <c>?depth=N</c> bound (CONTRACT §4.5): no depth merges
/// all the way down; 0 replaces the document; N &gt; 0 merges N object levels and replaces objects below;
/// N &lt; 0 merges |N| levels and leaves the stored values below untouched.
/// </summary>
internal static class JsonMergePatch
{
    /// <summary>The merged document. <paramref name="target"/> may be changed in place.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, int? depth)
    {
        if (depth == 0 || patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var levels = depth is { } bound ? Math.Abs(bound) : int.MaxValue;
        var result = target as JsonObject ?? new JsonObject();
        Merge(result, patchObject, levels, preserveBeyond: depth < 0);
        return result;
    }

    private static void Merge(JsonObject target, JsonObject patch, int levels, bool preserveBeyond)
    {
        foreach (var (key, value) in patch.ToList())
        {
            switch (value)
            {
                case null:
                    target.Remove(key);
                    break;
                case JsonObject child when levels - 1 > 0:
                    if (target[key] is not JsonObject existing)
                    {
                        existing = new JsonObject();
                        target[key] = existing;
                    }

                    Merge(existing, child, levels == int.MaxValue ? levels : levels - 1, preserveBeyond);
                    break;
                case JsonObject child when !preserveBeyond:
                    target[key] = child.DeepClone();
                    break;
                case JsonObject:
                    break;
                default:
                    target[key] = value.DeepClone();
                    break;
            }
        }
    }
}
