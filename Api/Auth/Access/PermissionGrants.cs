using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Auth.Keys;
using AeorDb.Api.Security;
using AeorDb.Api.Storage;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Auth.Access;

/// <summary>
/// User and group grants, the original's model: walking from "/" down to the target's directory, each level's
/// <c>.aeordb-permissions</c> adds the allowed flags and then removes the denied ones for the user's groups
/// (non-members get the <c>others_*</c> flags). A user with a grant deeper down may also Read and List the
/// ancestors on the way to it. Permission files and group sets are cached for <see cref="CacheLifetime"/>.
/// </summary>
internal sealed class PermissionGrants(IFileContent files, UserDirectory users, TimeProvider time, IOptions<ResourceLimitOptions> limits)
{
    public const string FileName = ".aeordb-permissions";

    /// <summary>How long permission files, group sets and subtree scans are reused.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);

    /// <summary>Most entries a descendant-grant scan visits; beyond it the ancestor is not navigable.</summary>
    public const int MaxScanEntries = 5_000;

    private const string Letters = "crudlify";

    private readonly BoundedCache<string, PermissionsFile?> _files = new(10_000, time);
    private readonly BoundedCache<Guid, IReadOnlySet<string>> _groups = new(10_000, time);
    private readonly BoundedCache<(Guid, string), bool> _descendants = new(10_000, time);

    /// <summary>The 8-flag state (<c>crudlify</c> letters or '-') the user's grants give at <paramref name="path"/>.</summary>
    public async ValueTask<string> FlagsAsync(Guid userId, string path, Operation operation, CancellationToken cancellationToken)
    {
        var groups = await GroupsAsync(userId, cancellationToken).ConfigureAwait(false);
        var state = new bool[8];
        foreach (var level in Levels(path, operation))
        {
            var permissions = await FileAsync(level, cancellationToken).ConfigureAwait(false);
            if (permissions?.Links is not { } links)
            {
                continue;
            }

            var allow = new bool[8];
            var deny = new bool[8];
            foreach (var link in links)
            {
                if (link.PathPattern is { } pattern && !(Parent(path) == level && Name(path) == pattern))
                {
                    continue;
                }

                var member = groups.Contains(link.Group);
                Merge(allow, member ? link.Allow : link.OthersAllow);
                Merge(deny, member ? link.Deny : link.OthersDeny);
            }

            for (var i = 0; i < 8; i++)
            {
                state[i] = (state[i] || allow[i]) && !deny[i];
            }
        }

        return string.Create(8, state, static (span, flags) =>
        {
            for (var i = 0; i < 8; i++)
            {
                span[i] = flags[i] ? Letters[i] : '-';
            }
        });
    }

    /// <summary>Whether the user's grants allow <paramref name="operation"/> at <paramref name="path"/>, ancestor navigation included.</summary>
    public async ValueTask<bool> AllowsAsync(Guid userId, string path, Operation operation, CancellationToken cancellationToken)
    {
        var flags = await FlagsAsync(userId, path, operation, cancellationToken).ConfigureAwait(false);
        if (flags[(int)operation] != '-')
        {
            return true;
        }

        return operation is Operation.Read or Operation.List && await HasDescendantGrantAsync(userId, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when a permissions file at or below <paramref name="path"/> names one of the user's groups.</summary>
    public async ValueTask<bool> HasDescendantGrantAsync(Guid userId, string path, CancellationToken cancellationToken)
    {
        var groups = await GroupsAsync(userId, cancellationToken).ConfigureAwait(false);
        if (groups.Count == 0)
        {
            return false;
        }

        if (_descendants.TryGet((userId, path), out var known))
        {
            return known;
        }

        var found = false;
        var visited = 0;
        var pending = new Stack<string>();
        pending.Push(path);
        while (!found && pending.Count > 0 && visited < MaxScanEntries)
        {
            var directory = pending.Pop();
            foreach (var entry in await files.ListAsync(directory, cancellationToken).ConfigureAwait(false))
            {
                visited++;
                if (entry.Kind == EntryKind.Directory && !entry.Path.StartsWith("/.aeordb-", StringComparison.Ordinal))
                {
                    pending.Push(entry.Path);
                }
                else if (entry.Kind == EntryKind.File && Name(entry.Path) == FileName
                    && (await FileAsync(Parent(entry.Path), cancellationToken).ConfigureAwait(false))?.Links?.Any(link => groups.Contains(link.Group) && HasAny(link.Allow)) == true)
                {
                    found = true;
                    break;
                }
            }
        }

        _descendants.Set((userId, path), found, time.GetUtcNow() + CacheLifetime);
        return found;
    }

    private async ValueTask<IReadOnlySet<string>> GroupsAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (_groups.TryGet(userId, out var cached))
        {
            return cached;
        }

        var groups = await users.GroupsOfAsync(userId, cancellationToken).ConfigureAwait(false);
        _groups.Set(userId, groups, time.GetUtcNow() + CacheLifetime);
        return groups;
    }

    private async ValueTask<PermissionsFile?> FileAsync(string directory, CancellationToken cancellationToken)
    {
        if (_files.TryGet(directory, out var cached))
        {
            return cached;
        }

        var path = directory == "/" ? "/" + FileName : directory + "/" + FileName;
        // Past the size limit a file counts as absent, like one that does not parse: it grants nothing, and the
        // node never loads a huge file (one a peer replicated, or written before the limit) every cache period.
        var file = await SystemRecords.ReadAsync<PermissionsFile>(files, path, limits.Value.PermissionsFileLimit, cancellationToken).ConfigureAwait(false);
        _files.Set(directory, file, time.GetUtcNow() + CacheLifetime);
        return file;
    }

    /// <summary>Directories whose grants apply: "/" down to the parent, plus the path itself for List (a listed path is a directory).</summary>
    internal static IEnumerable<string> Levels(string path, Operation operation)
    {
        yield return "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var count = operation == Operation.List ? segments.Length : segments.Length - 1;
        var current = string.Empty;
        for (var i = 0; i < count; i++)
        {
            current += "/" + segments[i];
            yield return current;
        }
    }

    private static void Merge(bool[] target, string? flags)
    {
        if (flags is null)
        {
            return;
        }

        for (var i = 0; i < 8 && i < flags.Length; i++)
        {
            target[i] |= flags[i] == Letters[i];
        }
    }

    private static bool HasAny(string? flags)
    {
        var any = new bool[8];
        Merge(any, flags);
        return Array.IndexOf(any, true) >= 0;
    }

    private static string Parent(string path)
    {
        var index = path.LastIndexOf('/');
        return index <= 0 ? "/" : path[..index];
    }

    private static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];
}
