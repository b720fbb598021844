namespace AeorDb.Bench.Scenarios.Catalog;

/// <summary>What the <c>catalog</c> scenario measured at one catalog size.</summary>
internal sealed record CatalogPoint(int Files, double PutsPerSecond, long RssBytes, double DiffMedianMs, double FillSeconds);
