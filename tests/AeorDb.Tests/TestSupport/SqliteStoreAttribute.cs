using System.Reflection;
using Xunit.Sdk;

namespace AeorDb.Tests.TestSupport;

/// <summary>A theory row that runs the test against the embedded SQLite store.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteStoreAttribute : DataAttribute
{
    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreBackend.Sqlite]];
}
