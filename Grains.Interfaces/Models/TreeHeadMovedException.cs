namespace AeorDb.Grains.Interfaces.Models;

/// <summary>
/// A tree commit was refused because the stored HEAD is no longer the root the commit was built on: another
/// activation of the tree (a second silo of the same node) committed first. Nothing of the refused commit
/// was written; the tree reloads HEAD and the request can be retried as is.
/// </summary>
[GenerateSerializer, Alias("aeordb.TreeHeadMovedException")]
public sealed class TreeHeadMovedException : Exception
{
    public TreeHeadMovedException()
        : base("The tree's HEAD moved while this commit was prepared; nothing was written. Retry the request.")
    {
    }

    public TreeHeadMovedException(string message)
        : base(message)
    {
    }

    public TreeHeadMovedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The refusal of a commit based on <paramref name="expected"/> when the store's HEAD is <paramref name="actual"/>.</summary>
    public static TreeHeadMovedException For(string? expected, string? actual) =>
        new($"The tree's HEAD moved (commit based on {expected ?? "an empty store"}, HEAD is now {actual ?? "empty"}): " +
            "another silo committed first and nothing was written. Retry the request.");
}
