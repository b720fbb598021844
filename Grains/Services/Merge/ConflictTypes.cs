namespace AeorDb.Grains.Services.Merge;

/// <summary>The <c>conflict_type</c> values of CONTRACT §7.3.</summary>
internal static class ConflictTypes
{
    /// <summary>Both sides changed the path and it was absent from the base.</summary>
    public const string ConcurrentCreate = "ConcurrentCreate";

    /// <summary>Both sides modified a path present in the base.</summary>
    public const string ConcurrentModify = "ConcurrentModify";

    /// <summary>One side modified, the other deleted.</summary>
    public const string ModifyDelete = "ModifyDelete";
}
