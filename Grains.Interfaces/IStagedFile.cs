using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>
/// A file staged by <see cref="ISmallFileStaging.TryStage"/>. Its writer commits <see cref="Version"/> through the tree,
/// then calls exactly one of <see cref="Release"/> (the tree answered) or <see cref="PersistAsync"/> (the tree call
/// failed without an answer, so a commit referencing the version may still be queued).
/// </summary>
public interface IStagedFile
{
    /// <summary>The version record, with its content-derived id, as it will be stored.</summary>
    FileVersion Version { get; }

    /// <summary>
    /// The tree call answered: a commit that put the version was durable before the answer (and wrote the objects),
    /// and a refused call wrote nothing. <paramref name="committed"/>: the answer was a success.
    /// </summary>
    void Release(bool committed);

    /// <summary>
    /// Stores the objects with a durable put of their own, then releases them: for a tree call that failed or timed
    /// out, whose commit may still be applied later. When the put fails the objects stay staged (a later commit still
    /// finds them) and the failure is thrown.
    /// </summary>
    Task PersistAsync(CancellationToken cancellationToken = default);
}
