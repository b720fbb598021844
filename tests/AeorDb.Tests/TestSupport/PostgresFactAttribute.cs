using Xunit;

namespace AeorDb.Tests.TestSupport;

/// <summary>
/// A fact that needs the PostgreSQL server of <see cref="PostgresServer"/>. Skipped, with the reason,
/// when <c>AEORDB_TEST_POSTGRES</c> is unset; run (and failing if the server is unreachable) when it is
/// set or when <c>AEORDB_TEST_POSTGRES_REQUIRED=1</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no server is configured.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
