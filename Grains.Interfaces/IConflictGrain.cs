using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>
/// The node's conflict registry (one activation, key 0; CONTRACT §5.7, §7.4). The records live in the tree under
/// <c>/.aeordb-conflicts/</c>, so the registry is always rebuilt from HEAD and replicates with it: a conflict
/// recorded or resolved on one node reaches every node by the ordinary pull.
/// </summary>
public interface IConflictGrain : IGrainWithIntegerKey
{
    /// <summary>Every recorded conflict, sorted by path.</summary>
    Task<IReadOnlyList<ConflictRecord>> ListAsync();

    /// <summary>The conflict recorded for <paramref name="path"/>; null when none.</summary>
    Task<ConflictRecord?> GetAsync(string path);

    /// <summary>
    /// Writes the picked version (<paramref name="pickLoser"/> false: the auto-winner) to the path with a fresh
    /// stamp, so it wins on every node, and deletes the record, in one commit. Picking the empty loser of a
    /// <c>ModifyDelete</c> deletes the path. False when no conflict is recorded for the path.
    /// </summary>
    Task<bool> ResolveAsync(string path, bool pickLoser);

    /// <summary>Deletes the record and the kept loser without touching the path; false when none is recorded.</summary>
    Task<bool> DismissAsync(string path);
}
