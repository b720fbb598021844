namespace AeorDb.Grains.Interfaces.Models;

/// <summary>A hybrid-logical-clock stamp: virtual time in Unix milliseconds and the writing node's id.</summary>
[GenerateSerializer, Immutable, Alias("aeordb.VersionStamp")]
public sealed record VersionStamp(
    [property: Id(0)] long VirtualTime,
    [property: Id(1)] ulong NodeId);
