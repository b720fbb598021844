using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Api.Files;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Blobs;

/// <summary>
/// <c>GET /blobs/{hash}</c> (CONTRACT §4.7): any stored object by id. SYSTEM-flagged objects are invisible.
/// A key with rules may fetch only file versions that some readable HEAD path holds; since version ids are
/// content ids, that is decided by looking for such a path.
/// </summary>
internal sealed class BlobService(IObjectStore store, IGrainFactory grains, IPathRules rules, IAccessPolicy policy)
{
    public async Task<IResult> GetAsync(HttpContext context, string hash)
    {
        if (hash.Length == 0 || hash.Length % 2 != 0 || !hash.All(char.IsAsciiHexDigit))
        {
            return ApiErrors.BadRequest($"Invalid hash: {hash} is not hex");
        }

        var id = Convert.FromHexString(hash);
        var hex = Convert.ToHexStringLower(id);
        var info = await store.GetInfoAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (info is null || info.System)
        {
            return NotFound(hex);
        }

        var caller = context.GetCaller();
        if (info.Kind != ObjectKind.FileVersion)
        {
            return caller.HasRules ? NotFound(hex) : new RawBlobResult(id, hex, info);
        }

        var version = await store.GetFileVersionAsync(hex, context.RequestAborted).ConfigureAwait(false);
        if (version is null || version.System || (caller.HasRules && !await IsReadableAsync(caller, hex, context.RequestAborted).ConfigureAwait(false)))
        {
            return NotFound(hex);
        }

        return new FileStreamResult(version, headers =>
        {
            headers["X-AeorDB-Type"] = "2";
            headers["X-AeorDB-Hash"] = hex;
        });
    }

    /// <summary>True when some visible HEAD file with this version id is readable by the caller.</summary>
    private async Task<bool> IsReadableAsync(Caller caller, string versionHash, CancellationToken cancellationToken)
    {
        var all = await grains.GetGrain<ITreeGrain>(0).ListAsync("/", -1, null).ConfigureAwait(false);
        foreach (var entry in all.Items)
        {
            if (entry.Kind == EntryKind.File && entry.Hash == versionHash && !rules.IsHidden(entry.Path)
                && await policy.CheckAsync(caller, entry.Path, Operation.Read, cancellationToken).ConfigureAwait(false) == AccessDecision.Allowed)
            {
                return true;
            }
        }

        return false;
    }

    private static IResult NotFound(string hex) => ApiErrors.NotFound($"Not found: {hex}");
}
