namespace AeorDb.Api.Events;

/// <summary>
/// Where the node's events go. Publishing never blocks and never fails the write that caused it.
/// The single-silo node publishes straight into the local <see cref="EventBus"/>; a multi-silo node can put
/// an implementation here that forwards through Orleans and feeds each silo's bus.
/// </summary>
internal interface IEventPublisher
{
    /// <summary>Hands <paramref name="nodeEvent"/> to every current subscriber.</summary>
    void Publish(NodeEvent nodeEvent);
}
