namespace AeorDb.Api.SystemRoutes;

/// <summary>The starting/failed body of GET /system/health and of every gated route during start-up (CONTRACT §8).</summary>
/// <param name="Status"><c>starting</c> or <c>failed</c>.</param>
/// <param name="Phase">The current step, or <c>startup_failed</c>.</param>
/// <param name="Message">What is happening, or why start-up failed.</param>
/// <param name="Version">Product version.</param>
/// <param name="StartedAt">RFC 3339 time the process started.</param>
/// <param name="UpdatedAt">RFC 3339 time of the last phase change.</param>
/// <param name="Progress">0..1.</param>
/// <param name="Eta"><c>{"seconds","at"}</c> when known; always null for now.</param>
/// <param name="ElapsedMs">Milliseconds since start.</param>
internal sealed record StartupStatusBody(
    string Status,
    string Phase,
    string Message,
    string Version,
    string StartedAt,
    string UpdatedAt,
    double Progress,
    StartupEta? Eta,
    long ElapsedMs);

/// <summary>Expected end of start-up.</summary>
/// <param name="Seconds">Seconds left.</param>
/// <param name="At">RFC 3339 expected end.</param>
internal sealed record StartupEta(double Seconds, string At);
