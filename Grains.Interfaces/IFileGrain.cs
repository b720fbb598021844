using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>
/// The read-modify-write operations on a canonical path (the grain key): delete of a kind, rename, history. Each is
/// acknowledged only once its tree commit is durable, and commits with a compare-and-swap on what it read, so a plain
/// PUT (which goes straight to <see cref="ITreeGrain.PutFileAsync"/>) landing in between is never undone. The tree
/// grain orders and stamps every write of a node, so a path still has one writer in effect.
/// </summary>
public interface IFileGrain : IGrainWithStringKey
{
    /// <summary>The HEAD entry at this path (file, symlink or directory), or null.</summary>
    Task<FileEntry?> GetAsync();

    /// <summary>Makes the stored version <paramref name="versionHash"/> the path's content; keeps <c>created_at</c> of an existing file (the same as <see cref="ITreeGrain.PutFileAsync"/>).</summary>
    Task<WriteResult> PutFileAsync(string versionHash, long size, string? contentType);

    /// <summary>Makes this path a symlink to the canonical <paramref name="target"/>.</summary>
    Task<WriteResult> PutSymlinkAsync(string target);

    /// <summary>Deletes the symlink, file or empty directory at this path; <paramref name="onlyKind"/> restricts what may be deleted.</summary>
    Task<WriteResult> DeleteAsync(EntryKind? onlyKind);

    /// <summary>Moves the file or symlink at this path to <paramref name="to"/> in one commit.</summary>
    Task<WriteResult> RenameAsync(string to);

    /// <summary>Recent versions of this path, newest first (the current one included).</summary>
    Task<IReadOnlyList<FileEntry>> GetHistoryAsync();
}
