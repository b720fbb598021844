using System.Globalization;
using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AeorDb.Api.Auth.Keys;

/// <summary>Creates, lists, revokes and relabels API keys (CONTRACT §3.4, §3.5).</summary>
/// <remarks>Who may do what is decided by <see cref="KeyManagementPolicy"/> alone; this class only carries it out.</remarks>
internal sealed class ApiKeyService(ApiKeyStore store, UserDirectory users, ApiKeyHasher hasher, IPathRules paths, KeyManagementPolicy policy, TimeProvider time)
{
    public const int DefaultExpiryDays = 730;
    public const int MaxExpiryDays = 3650;

    /// <summary>Creates and stores a key; returns the record and the plaintext (shown once, never stored).</summary>
    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(Guid userId, string? label, long? expiresInDays, IReadOnlyList<KeyRule> rules, CancellationToken cancellationToken = default)
    {
        var days = Math.Clamp(expiresInDays ?? DefaultExpiryDays, 1, MaxExpiryDays);
        var now = time.GetUtcNow();
        Guid keyId;
        do
        {
            keyId = Guid.NewGuid();
        }
        while (await store.GetByPrefixAsync(ApiKeyFormat.PrefixOf(keyId), cancellationToken).ConfigureAwait(false) is not null);

        var key = ApiKeyFormat.NewKey(keyId);
        var (hash, salt, parameters) = hasher.Hash(key);
        var record = new ApiKeyRecord(keyId, userId, hash, salt, parameters, label, rules, Rfc3339(now), now.AddDays(days).ToUnixTimeMilliseconds(), IsRevoked: false);
        await store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        return (record, key);
    }

    public async Task<Results<Created<CreatedKeyResponse>, JsonHttpResult<ErrorBody>>> CreateOwnAsync(Caller caller, CreateKeyRequest request, CancellationToken cancellationToken)
    {
        var owner = caller.UserId;
        if (request.UserId is not null && !Guid.TryParse(request.UserId, out owner))
        {
            // A non-root caller learns nothing about the field's syntax before being refused.
            return policy.CheckCreate(caller, Guid.NewGuid()) is { } refused ? ApiErrors.Forbidden(refused) : ApiErrors.BadRequest($"Invalid user_id: {request.UserId}");
        }

        if (policy.CheckCreate(caller, owner) is { } denied)
        {
            return ApiErrors.Forbidden(denied);
        }

        var (rules, problem) = KeyRulesInput.Parse(request.Rules, paths);
        if (problem is not null)
        {
            return ApiErrors.BadRequest(problem);
        }

        var (record, key) = await CreateAsync(owner, request.Label, request.ExpiresInDays, rules, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created((string?)null, new CreatedKeyResponse(record.KeyId, key, record.Label, record.ExpiresAt, record.Rules, record.UserId));
    }

    /// <summary>The caller's own keys (<c>GET /auth/keys</c>), as <see cref="KeyManagementPolicy.IsOwnListing"/> defines them.</summary>
    public Task<IReadOnlyList<KeyInfo>> ListOwnAsync(Caller caller, CancellationToken cancellationToken) =>
        ListAsync(record => policy.IsOwnListing(caller, record), cancellationToken);

    /// <summary>Every key (<c>GET /auth/keys/admin</c>, behind the admin check).</summary>
    public Task<IReadOnlyList<KeyInfo>> ListAllAsync(CancellationToken cancellationToken) => ListAsync(static _ => true, cancellationToken);

    private async Task<IReadOnlyList<KeyInfo>> ListAsync(Func<ApiKeyRecord, bool> include, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, string?>();
        var infos = new List<KeyInfo>();
        foreach (var record in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!include(record))
            {
                continue;
            }

            if (!names.TryGetValue(record.UserId, out var username))
            {
                username = await users.UsernameAsync(record.UserId, cancellationToken).ConfigureAwait(false);
                names[record.UserId] = username;
            }

            infos.Add(new KeyInfo(record.KeyId, record.UserId, username, record.CreatedAt, record.IsRevoked, record.ExpiresAt, record.Label, record.Rules));
        }

        infos.Sort(static (a, b) => string.CompareOrdinal(a.CreatedAt, b.CreatedAt));
        return infos;
    }

    /// <summary>Revokes a key when <see cref="KeyManagementPolicy.CheckRevoke"/> allows it.</summary>
    public async Task<Results<Ok<RevokedResponse>, JsonHttpResult<ErrorBody>>> RevokeAsync(Caller caller, string rawKeyId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(rawKeyId, out var keyId))
        {
            return ApiErrors.BadRequest($"Invalid key ID: {rawKeyId}");
        }

        var record = await store.GetAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return ApiErrors.NotFound($"API key not found: {keyId:D}");
        }

        if (policy.CheckRevoke(caller, record) is { } denied)
        {
            return ApiErrors.Forbidden(denied);
        }

        if (!record.IsRevoked)
        {
            await store.SaveAsync(record with { IsRevoked = true }, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(new RevokedResponse(true, keyId));
    }

    public async Task<Results<Ok<UpdatedKeyResponse>, JsonHttpResult<ErrorBody>>> RelabelAsync(string rawKeyId, UpdateKeyRequest request, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(rawKeyId, out var keyId))
        {
            return ApiErrors.BadRequest($"Invalid key ID: {rawKeyId}");
        }

        var record = await store.GetAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return ApiErrors.NotFound($"API key not found: {keyId:D}");
        }

        await store.SaveAsync(record with { Label = request.Label }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new UpdatedKeyResponse(true, keyId, request.Label));
    }

    public async Task<Results<Created<AdminCreatedKeyResponse>, JsonHttpResult<ErrorBody>>> CreateForUserAsync(Caller caller, AdminCreateKeyRequest request, CancellationToken cancellationToken)
    {
        var owner = caller.UserId;
        if (request.UserId is not null && !Guid.TryParse(request.UserId, out owner))
        {
            return ApiErrors.BadRequest($"Invalid user_id: {request.UserId}");
        }

        if (policy.CheckCreate(caller, owner) is { } denied)
        {
            return ApiErrors.Forbidden(denied);
        }

        var (record, key) = await CreateAsync(owner, label: null, DefaultExpiryDays, [], cancellationToken).ConfigureAwait(false);
        return TypedResults.Created((string?)null, new AdminCreatedKeyResponse(record.KeyId, key, record.UserId, record.CreatedAt));
    }

    /// <summary>Root: root, every stored user, and owners of keys without a user record; others: themselves.</summary>
    public async Task<IReadOnlyList<UserInfo>> ListUsersAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.IsRoot)
        {
            return [new UserInfo(caller.UserId, await users.UsernameAsync(caller.UserId, cancellationToken).ConfigureAwait(false))];
        }

        var items = new List<UserInfo> { new(Guid.Empty, UserDirectory.RootUsername) };
        var seen = new HashSet<Guid> { Guid.Empty };
        foreach (var user in await users.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (seen.Add(user.UserId))
            {
                items.Add(new UserInfo(user.UserId, user.Username));
            }
        }

        foreach (var record in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (seen.Add(record.UserId))
            {
                items.Add(new UserInfo(record.UserId, null));
            }
        }

        return items;
    }

    /// <summary>RFC 3339 UTC with milliseconds, the form of <c>created_at</c>.</summary>
    public static string Rfc3339(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
