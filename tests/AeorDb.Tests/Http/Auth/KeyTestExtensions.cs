using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;

namespace AeorDb.Tests.Http.Auth;

/// <summary>Key helpers shared by the auth tests.</summary>
internal static class KeyTestExtensions
{
    /// <summary><c>POST /auth/keys</c> as <paramref name="caller"/>; returns the 201 body.</summary>
    public static async Task<JsonElement> CreateKeyAsync(this ApiClient caller, object body)
    {
        using var response = await caller.PostJsonAsync("/auth/keys", body);
        return await Expect.JsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>A fresh unrestricted key of the caller's user (its own rate-limit bucket).</summary>
    public static async Task<string> CreatePlainKeyAsync(this ApiClient caller, string label = "test key") =>
        (await caller.CreateKeyAsync(new { label })).GetProperty("key").GetString()!;

    /// <summary>A syntactically valid API key nobody issued.</summary>
    public static string UnknownKey() =>
        $"aeor_k_{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16]}_{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}";

    /// <summary>The 16-hex prefix a key id contributes to its API key.</summary>
    public static string KeyPrefix(string keyId) => Guid.Parse(keyId).ToString("N")[..16];
}
