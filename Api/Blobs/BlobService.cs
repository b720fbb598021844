using AeorDb.Api.Auth;
using AeorDb.Api.Auth.Access;
using AeorDb.Api.Errors;
using AeorDb.Api.Files;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Blobs;

/// <summary>
/// <c>GET /blobs/{hash}</c> (CONTRACT §4.7): any stored object by id. SYSTEM-flagged objects are invisible to
/// every caller. Every other read is authorized by <see cref="ObjectAccess"/> against the paths that refer to the
/// object; a key with rules may, as the contract says, fetch file versions only. Every refusal is the same 404
/// as an unknown hash.
/// </summary>
internal sealed class BlobService(IObjectStore store, ObjectAccess access)
{
    public async Task<IResult> GetAsync(HttpContext context, string hash)
    {
        if (hash.Length == 0 || hash.Length % 2 != 0 || !hash.All(char.IsAsciiHexDigit))
        {
            return ApiErrors.BadRequest($"Invalid hash: {hash} is not hex");
        }

        var id = Convert.FromHexString(hash);
        var hex = Convert.ToHexStringLower(id);
        var cancellationToken = context.RequestAborted;
        var info = await store.GetInfoAsync(id, cancellationToken).ConfigureAwait(false);
        var caller = context.GetCaller();
        if (info is null || info.System
            || (caller.HasRules && info.Kind != ObjectKind.FileVersion)
            || !await access.MayReadAsync(caller, id, info.Kind, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(hex);
        }

        if (info.Kind != ObjectKind.FileVersion)
        {
            return new RawBlobResult(id, hex, info);
        }

        var version = await store.GetFileVersionAsync(hex, cancellationToken).ConfigureAwait(false);
        if (version is null || version.System)
        {
            return NotFound(hex);
        }

        return new FileStreamResult(version, null, headers =>
        {
            headers["X-AeorDB-Type"] = "2";
            headers["X-AeorDB-Hash"] = hex;
        });
    }

    private static IResult NotFound(string hex) => ApiErrors.NotFound($"Not found: {hex}");
}
