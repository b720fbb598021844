namespace AeorDb.Api.SystemRoutes;

/// <summary>GET /system/health once serving (CONTRACT §8).</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> (disk over 90 % used) or <c>unhealthy</c> (over 98 %).</param>
/// <param name="Version">Product version.</param>
internal sealed record HealthBody(string Status, string Version);
