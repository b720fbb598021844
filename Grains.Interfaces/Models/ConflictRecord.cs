namespace AeorDb.Grains.Interfaces.Models;

/// <summary>
/// A conflict record as CONTRACT §7.4 stores it at <c>/.aeordb-conflicts&lt;path&gt;/.meta</c>. Every field derives
/// from the two versions only, so both nodes of a conflict write byte-identical records.
/// </summary>
/// <param name="Path">The contested path.</param>
/// <param name="ConflictType"><c>ConcurrentCreate</c>, <c>ConcurrentModify</c> or <c>ModifyDelete</c> (CONTRACT §7.3).</param>
/// <param name="AutoWinner">Always <c>winner</c>: the version the merge applied.</param>
/// <param name="CreatedAt">The later of the two versions' times (ms), the same on both nodes.</param>
/// <param name="Winner">The applied version.</param>
/// <param name="Loser">The other version; for a deletion, an empty side.</param>
[GenerateSerializer, Immutable, Alias("aeordb.ConflictRecord")]
public sealed record ConflictRecord(
    [property: Id(0)] string Path,
    [property: Id(1)] string ConflictType,
    [property: Id(2)] string AutoWinner,
    [property: Id(3)] long CreatedAt,
    [property: Id(4)] ConflictSide Winner,
    [property: Id(5)] ConflictSide Loser);
