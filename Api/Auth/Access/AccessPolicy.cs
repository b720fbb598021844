using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Auth.Access;

/// <summary>
/// File-route access (CONTRACT §3.6). A key's rules bind every caller, root's own scoped keys included
/// (denied → 404). Then the root user (a root-owned scoped key too, within its rules) is allowed
/// everything, and anyone else needs user/group grants (denied → 403).
/// Without auth every request is allowed.
/// </summary>
internal sealed class AccessPolicy(IPathRules paths, PermissionGrants grants) : IAccessPolicy
{
    private const string AllFlags = "crudlify";

    public async ValueTask<AccessDecision> CheckAsync(Caller caller, string canonicalPath, Operation operation, CancellationToken cancellationToken = default)
    {
        if (caller.AuthDisabled)
        {
            return AccessDecision.Allowed;
        }

        if (caller.HasRules && paths.Evaluate(caller.Rules, canonicalPath, operation) == RuleDecision.Denied)
        {
            return AccessDecision.NotFound;
        }

        if (caller.UserId == Guid.Empty)
        {
            return AccessDecision.Allowed;
        }

        return await grants.AllowsAsync(caller.UserId, canonicalPath, operation, cancellationToken).ConfigureAwait(false)
            ? AccessDecision.Allowed
            : AccessDecision.Forbidden;
    }

    public async ValueTask<string?> ListingPermissionsAsync(Caller caller, string childPath, Operation operation, CancellationToken cancellationToken = default)
    {
        if (caller.AuthDisabled)
        {
            return AllFlags;
        }

        string? flags = AllFlags;
        if (caller.HasRules)
        {
            flags = paths.ListingPermissions(caller.Rules, childPath, operation);
            if (flags is null)
            {
                return null;
            }
        }

        if (caller.UserId == Guid.Empty)
        {
            return flags;
        }

        var granted = await grants.FlagsAsync(caller.UserId, childPath, operation, cancellationToken).ConfigureAwait(false);
        if (granted[(int)operation] != '-')
        {
            return Intersect(flags, granted);
        }

        return await grants.HasDescendantGrantAsync(caller.UserId, childPath, cancellationToken).ConfigureAwait(false)
            ? Intersect(flags, "-r--l---")
            : null;
    }

    private static string Intersect(string a, string b) =>
        string.Create(8, (a, b), static (span, pair) =>
        {
            for (var i = 0; i < 8; i++)
            {
                span[i] = pair.a[i] != '-' && pair.b[i] != '-' ? AllFlags[i] : '-';
            }
        });
}
