using System.Reflection;
using Xunit.Sdk;

namespace AeorDb.Tests.TestSupport;

/// <summary>
/// A theory row that runs the test against the PostgreSQL store; skipped like <see cref="PostgresFactAttribute"/>
/// when no test server is configured.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresStoreAttribute : DataAttribute
{
    /// <summary>Sets <see cref="DataAttribute.Skip"/> when no server is configured.</summary>
    public PostgresStoreAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }

    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreBackend.Postgres]];
}
