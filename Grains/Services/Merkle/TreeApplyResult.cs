using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>Outcome of applying one list of changes to the tree.</summary>
/// <param name="Status">Ok, or why nothing was applied.</param>
/// <param name="FailedPath">The path that made the changes fail.</param>
/// <param name="ChildCount">For <see cref="CommitStatus.DirectoryNotEmpty"/>: the directory's child count.</param>
/// <param name="Commit">What to write durably (only from <see cref="TreeIndex.Apply"/> when Ok).</param>
/// <param name="KeptCreatedAt">The <c>created_at</c> a <see cref="TreeChange.KeepCreatedAt"/> change kept, if any.</param>
/// <param name="Written">The file or symlink entry the last put of the changes wrote, as HEAD holds it (its stamp and times included).</param>
internal sealed record TreeApplyResult(CommitStatus Status, string? FailedPath, int ChildCount, TreeCommit? Commit = null, long? KeptCreatedAt = null, FileEntry? Written = null)
{
    public static readonly TreeApplyResult Ok = new(CommitStatus.Ok, null, 0);

    public static TreeApplyResult Fail(CommitStatus status, string path, int childCount = 0) => new(status, path, childCount);
}
