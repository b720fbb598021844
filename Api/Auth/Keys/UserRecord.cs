using System.Globalization;

namespace AeorDb.Api.Auth.Keys;

/// <summary>A stored user (the original's shape). A deactivated user cannot exchange keys for tokens.</summary>
internal sealed record UserRecord(Guid UserId, string Username, string? Email, bool IsActive, IReadOnlyList<string>? Tags, long CreatedAt, long UpdatedAt)
{
    /// <summary>A field as group queries see it; only the original's safe fields (user-mutable ones are excluded against self-escalation).</summary>
    public string Field(string name) => name switch
    {
        "user_id" => UserId.ToString("D"),
        "created_at" => CreatedAt.ToString(CultureInfo.InvariantCulture),
        "updated_at" => UpdatedAt.ToString(CultureInfo.InvariantCulture),
        "is_active" => IsActive ? "true" : "false",
        _ => string.Empty,
    };
}
