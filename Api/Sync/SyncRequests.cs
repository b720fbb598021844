using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AeorDb.Api.Sync;

/// <summary>Request helpers shared by the sync routes.</summary>
internal static class SyncRequests
{
    /// <summary>
    /// True when the request carries a body. Only then is a JSON Content-Type required: the contract lets
    /// /sync/diff be called with no body at all (a full listing), which clients send without a type.
    /// </summary>
    public static bool HasBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;

    /// <summary>True for a 64-character hex hash, any case.</summary>
    public static bool IsHash(string hex) => hex.Length == 64 && hex.All(char.IsAsciiHexDigit);
}
