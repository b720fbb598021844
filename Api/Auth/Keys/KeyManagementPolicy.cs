namespace AeorDb.Api.Auth.Keys;

/// <summary>
/// The one place that decides who may create, see and revoke API keys (every <c>/auth/keys</c> route asks it).
/// <list type="bullet">
/// <item>Root (<see cref="Caller.IsRoot"/>: nil user, no key rules) may do everything, for every user.</item>
/// <item>An unscoped user credential may create keys for its own user only (any rules: rules only narrow that
/// user's own grants, so the new key never holds more than its creator), and see and revoke its own user's keys.</item>
/// <item>A scoped credential (a key with rules, <see cref="Caller.HasRules"/>) may create no key at all, sees only its
/// own key record and may revoke only itself: otherwise it could mint an unscoped key for its user, which for a
/// root-owned scoped key is root.</item>
/// </list>
/// </summary>
internal sealed class KeyManagementPolicy
{
    public const string ScopedCannotCreateMessage = "A scoped API key cannot create keys";
    public const string OtherUserMessage = "Only root can create keys for other users";
    public const string RevokeOtherUserMessage = "Cannot revoke another user's key";
    public const string RevokeOtherKeyMessage = "A scoped API key can only revoke itself";
    public const string AdminRequiredMessage = "Admin access required";

    /// <summary>Null when <paramref name="caller"/> may create a key owned by <paramref name="owner"/>, else the 403 message.</summary>
    public string? CheckCreate(Caller caller, Guid owner)
    {
        if (caller.IsRoot)
        {
            return null;
        }

        if (caller.HasRules)
        {
            return ScopedCannotCreateMessage;
        }

        return owner == caller.UserId ? null : OtherUserMessage;
    }

    /// <summary>Null when <paramref name="caller"/> may use the admin key routes (CONTRACT §3.5), else the 403 message.</summary>
    public string? CheckAdmin(Caller caller) => caller.IsRoot ? null : AdminRequiredMessage;

    /// <summary>True when <paramref name="record"/> belongs in the caller's own listing (<c>GET /auth/keys</c>).</summary>
    public bool IsOwnListing(Caller caller, ApiKeyRecord record) =>
        caller.HasRules ? record.KeyId == caller.KeyId : record.UserId == caller.UserId;

    /// <summary>Null when <paramref name="caller"/> may revoke <paramref name="record"/>, else the 403 message.</summary>
    public string? CheckRevoke(Caller caller, ApiKeyRecord record)
    {
        if (caller.IsRoot)
        {
            return null;
        }

        if (caller.HasRules)
        {
            return record.KeyId == caller.KeyId ? null : RevokeOtherKeyMessage;
        }

        return record.UserId == caller.UserId ? null : RevokeOtherUserMessage;
    }
}
