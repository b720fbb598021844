namespace AeorDb.Grains.Services.Storage;

/// <summary>A whole tree commit, applied all-or-nothing under a savepoint of the group transaction.</summary>
internal sealed class CommitWrite(TreeCommit commit) : PendingWrite
{
    public TreeCommit Commit { get; } = commit;

    public override long Bytes { get; } = commit.Objects.Sum(o => (long)o.Data.Length + o.Hash.Length) + (commit.Upserts.Count * 256L) + (commit.Deletes.Count * 64L);
}
