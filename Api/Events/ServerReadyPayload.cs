namespace AeorDb.Api.Events;

/// <summary>The payload of the first frame of every stream (CONTRACT §6.4): <c>{"status":"ready","version","startup_time":ms,"uptime_ms"}</c>.</summary>
internal sealed record ServerReadyPayload(string Status, string Version, long StartupTime, long UptimeMs);
