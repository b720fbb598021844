namespace AeorDb.Bench.Scenarios.Catalog;

/// <summary>
/// A restart on the filled database: seconds from process start to the first GET served and to the first PUT
/// acknowledged, the restarted node's RSS then, and the RSS of the new empty node at the start of the run.
/// </summary>
internal sealed record CatalogColdStart(double FirstGetSeconds, double FirstPutSeconds, long LoadedRssBytes, long EmptyRssBytes);
