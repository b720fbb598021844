namespace AeorDb.Api.Auth.Access;

/// <summary>
/// A directory's <c>.aeordb-permissions</c> file (the original's shape): links granting or denying
/// <c>crudlify</c> flags to a group's members and, optionally, to everyone else.
/// </summary>
internal sealed record PermissionsFile(IReadOnlyList<PermissionLink>? Links);

/// <summary>One grant. A flag is set when its letter stands at its position (anything else: no opinion).</summary>
/// <param name="Group">The group whose members get <paramref name="Allow"/> and <paramref name="Deny"/>.</param>
/// <param name="Allow">Flags added for members.</param>
/// <param name="Deny">Flags removed for members (deny wins at one level).</param>
/// <param name="OthersAllow">Flags added for non-members.</param>
/// <param name="OthersDeny">Flags removed for non-members.</param>
/// <param name="PathPattern">When set, the link applies only to the directory's direct child of this exact name.</param>
internal sealed record PermissionLink(string Group, string? Allow, string? Deny, string? OthersAllow, string? OthersDeny, string? PathPattern);
