namespace AeorDb.Bench.Targets;

/// <summary>A target under another label in the tables (several aeordb configurations in one run).</summary>
internal sealed class NamedTarget(IBenchTarget inner, string name) : IBenchTarget
{
    public string Name => name;

    public string Description => inner.Description;

    public IReadOnlyList<int> Pids => inner.Pids;

    public HttpClient Client => inner.Client;

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
