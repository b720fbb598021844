using System.Text.Json;
using System.Text.Json.Serialization;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Auth;

// The /auth wire bodies (CONTRACT §3.2–§3.5), snake_case through ApiJson. Kept together: each is a few fields.

/// <summary><c>POST /auth/token</c> request.</summary>
internal sealed record TokenRequest(string? ApiKey, bool? IncludeRefresh);

/// <summary><c>POST /auth/token</c> and <c>/auth/refresh</c> response; <c>refresh_token</c> left out when not issued.</summary>
internal sealed record TokenResponse(
    string Token,
    long ExpiresIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken);

/// <summary><c>POST /auth/refresh</c> request.</summary>
internal sealed record RefreshRequest(string? RefreshToken);

/// <summary><c>POST /auth/keys</c> request; <c>rules</c> stays raw JSON so its shape can be checked with the contract's 400.</summary>
internal sealed record CreateKeyRequest(string? Label, long? ExpiresInDays, JsonElement? Rules, string? UserId);

/// <summary><c>POST /auth/keys</c> 201 response.</summary>
internal sealed record CreatedKeyResponse(Guid KeyId, string Key, string? Label, long ExpiresAt, IReadOnlyList<KeyRule> Rules, Guid UserId);

/// <summary>One key in listings.</summary>
internal sealed record KeyInfo(Guid KeyId, Guid UserId, string? Username, string CreatedAt, bool IsRevoked, long ExpiresAt, string? Label, IReadOnlyList<KeyRule> Rules);

/// <summary><c>{"items":[…]}</c> wrapper of admin listings.</summary>
internal sealed record ItemsResponse<T>(IReadOnlyList<T> Items);

/// <summary>One user of <c>GET /auth/keys/users</c>.</summary>
internal sealed record UserInfo(Guid UserId, string? Username);

/// <summary>Revocation response.</summary>
internal sealed record RevokedResponse(bool Revoked, Guid KeyId);

/// <summary><c>POST /auth/keys/admin</c> request.</summary>
internal sealed record AdminCreateKeyRequest(string? UserId);

/// <summary><c>POST /auth/keys/admin</c> 201 response.</summary>
internal sealed record AdminCreatedKeyResponse(Guid KeyId, string ApiKey, Guid UserId, string CreatedAt);

/// <summary><c>PATCH /auth/keys/admin/{key_id}</c> request.</summary>
internal sealed record UpdateKeyRequest(string? Label);

/// <summary><c>PATCH /auth/keys/admin/{key_id}</c> response.</summary>
internal sealed record UpdatedKeyResponse(bool Updated, Guid KeyId, string? Label);
