namespace AeorDb.Api.Security;

/// <summary>
/// Limits that keep one hostile or careless client from exhausting the node (SECURITY.md "Resource limits").
/// Each has a command-line flag; past a limit the client gets the contract's error body (400, 413 or 429).
/// </summary>
public sealed class ResourceLimitOptions
{
    /// <summary>Open event streams (<c>/system/events</c> and <c>/sync/events</c> together) per caller: per API key, else per user and address. Past it: 429.</summary>
    public int MaxEventStreamsPerCaller { get; set; } = 16;

    /// <summary>Open event streams on this silo in total. Past it: 429.</summary>
    public int MaxEventStreams { get; set; } = 512;

    /// <summary>Most items one directory listing page carries; a larger <c>limit</c> is lowered to it.</summary>
    public int MaxListingPage { get; set; } = 10_000;

    /// <summary>Largest <c>.aeordb-permissions</c> file: a larger PUT is a 413, and a larger stored file (say, from a peer) grants nothing.</summary>
    public long PermissionsFileLimit { get; set; } = 64L << 10;
}
