namespace AeorDb.Grains.Interfaces.Models;

/// <summary>Result of a tree commit.</summary>
/// <param name="Status">Ok, or why nothing was applied (a commit applies all of its changes or none).</param>
/// <param name="RootHash">HEAD root hash after the commit (unchanged when not Ok).</param>
/// <param name="FailedPath">The path that made the commit fail, if any.</param>
/// <param name="ChildCount">For <see cref="CommitStatus.DirectoryNotEmpty"/>: how many children the directory has.</param>
/// <param name="Written">The file or symlink entry the call's last put wrote, as HEAD now holds it (stamp and times included); null when none.</param>
/// <param name="KeptCreatedAt">The <c>created_at</c> a <see cref="TreeChange.KeepCreatedAt"/> change kept from the entry it replaced; null when none did.</param>
[GenerateSerializer, Immutable, Alias("aeordb.CommitResult")]
public sealed record CommitResult(
    [property: Id(0)] CommitStatus Status,
    [property: Id(1)] string RootHash,
    [property: Id(2)] string? FailedPath,
    [property: Id(3)] int ChildCount,
    [property: Id(4)] long? KeptCreatedAt = null,
    [property: Id(5)] FileEntry? Written = null);
