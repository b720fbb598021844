using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>One file or symlink that differs between two trees.</summary>
/// <param name="Path">Canonical path.</param>
/// <param name="Kind">File or symlink (directories are never listed; their files are).</param>
/// <param name="OldHash">Lowercase hex id in the older tree; null when added.</param>
/// <param name="NewHash">Lowercase hex id in the newer tree; null when deleted.</param>
internal sealed record TreeDiffEntry(string Path, EntryKind Kind, string? OldHash, string? NewHash);
