using Xunit;

namespace AeorDb.Tests.TestSupport;

/// <summary>A theory that needs PostgreSQL; skipped or run like <see cref="PostgresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no server is configured.</summary>
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
