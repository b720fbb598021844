namespace AeorDb.Tests.TestSupport;

/// <summary>Fresh paths, so tests sharing a node never see each other's files.</summary>
public static class TestPaths
{
    /// <summary>A new top-level directory path like <c>/files-test-3f2a…</c> (no trailing slash).</summary>
    public static string Unique(string hint = "t") => $"/{hint}-{Guid.NewGuid():N}";
}
