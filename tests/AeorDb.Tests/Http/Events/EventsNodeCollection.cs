using Xunit;

namespace AeorDb.Tests.Http.Events;

/// <summary>The event-stream test classes share one <see cref="EventsNodeFixture"/> node.</summary>
[CollectionDefinition(Name)]
public sealed class EventsNodeCollection : ICollectionFixture<EventsNodeFixture>
{
    public const string Name = "events node";
}
