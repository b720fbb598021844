using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Storage;

namespace AeorDb.Api.Auth.Keys;

/// <summary>
/// Users and groups as the original stores them: one JSON record per user at
/// <c>/.aeordb-system/users/&lt;uuid&gt;</c> and per group at <c>/.aeordb-system/groups/&lt;name&gt;</c>. Root is the
/// nil UUID, named "root", never stored. This node has no routes that create users or groups; the records
/// arrive by replication, and a key may belong to a user with no record (its username is then null).
/// </summary>
internal sealed class UserDirectory(IFileContent files, TimeProvider time)
{
    public const string UsersDirectory = "/.aeordb-system/users";
    public const string GroupsDirectory = "/.aeordb-system/groups";
    public const string RootUsername = "root";

    /// <summary>
    /// How long a user's active flag read for request authentication is reused. Users change only by replication
    /// (this node has no user routes), which announces nothing locally, so a deactivation is enforced within this time.
    /// </summary>
    public static readonly TimeSpan ActiveCacheLifetime = TimeSpan.FromSeconds(5);

    private readonly BoundedCache<Guid, bool> _active = new(10_000, time);

    /// <summary>The stored record of a user, or null (always null for root).</summary>
    public Task<UserRecord?> GetAsync(Guid userId, CancellationToken cancellationToken = default) =>
        userId == Guid.Empty
            ? Task.FromResult<UserRecord?>(null)
            : SystemRecords.ReadAsync<UserRecord>(files, UsersDirectory + "/" + userId.ToString("D"), cancellationToken);

    /// <summary>
    /// False when the user's record says it is deactivated, or the record was deleted. Root and users that never had
    /// a record (keys may name any user) are active. Cached for <see cref="ActiveCacheLifetime"/>: this runs on every
    /// authenticated request.
    /// </summary>
    public async ValueTask<bool> IsActiveAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (userId == Guid.Empty)
        {
            return true;
        }

        if (_active.TryGet(userId, out var active))
        {
            return active;
        }

        active = await GetAsync(userId, cancellationToken).ConfigureAwait(false) is { } user
            ? user.IsActive
            : !await files.WasDeletedAsync(UsersDirectory + "/" + userId.ToString("D"), cancellationToken).ConfigureAwait(false);
        _active.Set(userId, active, time.GetUtcNow() + ActiveCacheLifetime);
        return active;
    }

    /// <summary>Drops a cached active flag, so the next request reads the record again.</summary>
    public void Forget(Guid userId) => _active.Remove(userId);

    /// <summary>"root" for the nil UUID, the stored username, or null without a record.</summary>
    public async Task<string?> UsernameAsync(Guid userId, CancellationToken cancellationToken = default) =>
        userId == Guid.Empty ? RootUsername : (await GetAsync(userId, cancellationToken).ConfigureAwait(false))?.Username;

    /// <summary>Every stored user record.</summary>
    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var names = await SystemRecords.FileNamesAsync(files, UsersDirectory, cancellationToken).ConfigureAwait(false);
        var users = new List<UserRecord>(names.Count);
        foreach (var name in names)
        {
            if (Guid.TryParse(name, out var id) && await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } user)
            {
                users.Add(user);
            }
        }

        return users;
    }

    /// <summary>Names of the groups <paramref name="userId"/> belongs to; empty without a user record.</summary>
    public async Task<IReadOnlySet<string>> GroupsOfAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await GetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new HashSet<string>();
        }

        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in await SystemRecords.FileNamesAsync(files, GroupsDirectory, cancellationToken).ConfigureAwait(false))
        {
            var group = await SystemRecords.ReadAsync<GroupRecord>(files, GroupsDirectory + "/" + name, cancellationToken).ConfigureAwait(false);
            if (group is not null && group.Includes(user))
            {
                groups.Add(group.Name);
            }
        }

        return groups;
    }
}
