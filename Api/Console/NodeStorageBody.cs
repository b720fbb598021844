namespace AeorDb.Api.Console;

/// <summary>Storage figures of <c>GET /system/node</c>.</summary>
/// <param name="Backend"><c>sqlite</c> (the embedded file) or <c>postgres</c> (scale-out).</param>
/// <param name="DatabaseBytes">Bytes of the database file and its write-ahead files; null for PostgreSQL, whose size lives on its server.</param>
/// <param name="DiskTotalBytes">Size of the disk holding the database's directory (0 when unreadable).</param>
/// <param name="DiskAvailableBytes">Bytes free on that disk for unprivileged users.</param>
/// <param name="DiskUsedRatio">Used fraction as <c>df</c> reports it, the figure /system/health judges (0..1).</param>
internal sealed record NodeStorageBody(string Backend, long? DatabaseBytes, long DiskTotalBytes, long DiskAvailableBytes, double DiskUsedRatio);
