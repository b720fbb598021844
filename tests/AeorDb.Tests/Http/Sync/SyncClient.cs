using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;

namespace AeorDb.Tests.Http.Sync;

/// <summary>Calls /sync/diff and /sync/chunks and reads their answers for the sync tests.</summary>
internal static class SyncClient
{
    /// <summary>POST /sync/diff; asserts 200 and returns the body.</summary>
    public static async Task<JsonElement> DiffAsync(ApiClient client, object body)
    {
        using var response = await client.PostJsonAsync("/sync/diff", body);
        return await Expect.JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The paths of one change list, in answer order.</summary>
    public static string[] Paths(JsonElement diff, string list) =>
        [.. diff.GetProperty("changes").GetProperty(list).EnumerateArray().Select(e => e.GetProperty("path").GetString()!)];

    /// <summary>Every path of every change list.</summary>
    public static string[] AllPaths(JsonElement diff) =>
        [.. diff.GetProperty("changes").EnumerateObject().SelectMany(list => list.Value.EnumerateArray().Select(e => e.GetProperty("path").GetString()!))];

    /// <summary>The entry at <paramref name="path"/> in one change list.</summary>
    public static JsonElement Entry(JsonElement diff, string list, string path) =>
        diff.GetProperty("changes").GetProperty(list).EnumerateArray().Single(e => e.GetProperty("path").GetString() == path);

    /// <summary>POST /sync/chunks; asserts 200 and returns hash (as sent) → decoded bytes, in answer order.</summary>
    public static async Task<List<(string Hash, byte[] Data, int Size)>> ChunksAsync(ApiClient client, IEnumerable<string> hashes)
    {
        using var response = await client.PostJsonAsync("/sync/chunks", new { hashes = hashes.ToArray() });
        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        return [.. body.GetProperty("chunks").EnumerateArray().Select(c => (
            c.GetProperty("hash").GetString()!,
            Convert.FromBase64String(c.GetProperty("data").GetString()!),
            c.GetProperty("size").GetInt32()))];
    }

    /// <summary>Random bytes.</summary>
    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
