namespace AeorDb.Api.Health;

/// <summary>One store probe: whether the store takes writes, and why not (no paths, no engine detail beyond the failure's kind).</summary>
internal sealed record StoreProbeResult(bool Writable, string Description);
