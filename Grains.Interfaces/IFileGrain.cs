using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>
/// The one writer of a canonical path (the grain key). Writes to one path serialize here; each gets a
/// hybrid-logical-clock stamp and is acknowledged only after the tree commit and the grain state are durable.
/// </summary>
public interface IFileGrain : IGrainWithStringKey
{
    /// <summary>The HEAD entry at this path (file, symlink or directory), or null.</summary>
    Task<FileEntry?> GetAsync();

    /// <summary>Makes the stored version <paramref name="versionHash"/> the path's content; keeps <c>created_at</c> of an existing file.</summary>
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
