using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Auth;

/// <summary>Decides file-route access for a caller (CONTRACT §3.6): key rules first (404), then user grants (403).</summary>
internal interface IAccessPolicy
{
    /// <summary>Whether <paramref name="caller"/> may perform <paramref name="operation"/> on <paramref name="canonicalPath"/>.</summary>
    ValueTask<AccessDecision> CheckAsync(Caller caller, string canonicalPath, Operation operation, CancellationToken cancellationToken = default);

    /// <summary>For listings: the child's <c>effective_permissions</c> (8 flags) for a non-root caller, or null to hide the child.</summary>
    ValueTask<string?> ListingPermissionsAsync(Caller caller, string childPath, Operation operation, CancellationToken cancellationToken = default);
}
