namespace AeorDb.Bench;

/// <summary>An expected failure (a server would not start, a request failed): printed as one message, exit 1.</summary>
internal sealed class BenchException(string message) : Exception(message);
