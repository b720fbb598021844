namespace AeorDb.Api.Auth;

/// <summary>What the access policy says of one operation on one path.</summary>
internal enum AccessDecision
{
    /// <summary>Go ahead.</summary>
    Allowed = 0,

    /// <summary>Denied by key rules (or a hidden namespace): answer 404 so paths cannot be probed.</summary>
    NotFound = 1,

    /// <summary>Denied by user or group grants: answer 403 "Permission denied".</summary>
    Forbidden = 2,
}
