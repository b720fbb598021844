using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merge;

/// <summary>What one path settles to after a three-way merge.</summary>
/// <param name="Result">
/// The state the path holds afterwards: a version, a deletion record (absent, deleted by that record), or null (absent,
/// with no record to keep).
/// </param>
/// <param name="Conflict">The conflict to record, when both sides changed the path differently.</param>
internal sealed record MergeOutcome(MergeVersion? Result, ConflictRecord? Conflict);
