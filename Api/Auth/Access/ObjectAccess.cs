using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Auth.Access;

/// <summary>
/// Who may read a stored object by its hash (<c>GET /blobs/{hash}</c>, <c>POST /sync/chunks</c>; CONTRACT's
/// security amendments). Objects carry no path, so a read is authorized against the paths that refer to the
/// object (<see cref="IObjectReferences"/>: every path a version holding it was committed at, HEAD and retained
/// history): the caller may read it when it may Read at least one of them outside the hidden namespaces,
/// through the one <see cref="IAccessPolicy"/>. Directory nodes name every child, so they are for root and
/// peers only. Root (without key rules), peers and a node without auth read everything; which SYSTEM objects a
/// route serves stays the route's rule. The lookup is one indexed query of at most
/// <see cref="ApiOptions.MaxObjectReferencesChecked"/> rows; a refusal is the route's "not found", so hashes
/// cannot be probed.
/// </summary>
internal sealed class ObjectAccess(IObjectReferences references, IAccessPolicy policy, IPathRules rules, IOptions<ApiOptions> options)
{
    /// <summary>Whether <paramref name="caller"/> may read the object <paramref name="hash"/> of kind <paramref name="kind"/>.</summary>
    public async ValueTask<bool> MayReadAsync(Caller caller, ReadOnlyMemory<byte> hash, ObjectKind kind, CancellationToken cancellationToken)
    {
        if (caller.AuthDisabled || caller.IsRoot)
        {
            return true;
        }

        if (kind == ObjectKind.Directory)
        {
            return false;
        }

        var paths = await references.GetReferencingPathsAsync(hash, options.Value.MaxObjectReferencesChecked, cancellationToken).ConfigureAwait(false);
        foreach (var path in paths)
        {
            if (!rules.IsHidden(path)
                && await policy.CheckAsync(caller, path, Operation.Read, cancellationToken).ConfigureAwait(false) == AccessDecision.Allowed)
            {
                return true;
            }
        }

        return false;
    }
}
