namespace AeorDb.Grains.Interfaces.Models;

/// <summary>One API key rule (CONTRACT §3.6): a glob and its 8-letter <c>crudlify</c> flags.</summary>
[GenerateSerializer, Immutable, Alias("aeordb.KeyRule")]
public sealed record KeyRule(
    [property: Id(0)] string Glob,
    [property: Id(1)] string Permitted);
