namespace AeorDb.Grains.Interfaces.Models;

/// <summary>Kinds of tree entries; the numbers are the contract's entry types (CONTRACT §4.2, §4.7).</summary>
public enum EntryKind
{
    /// <summary>A regular file.</summary>
    File = 2,

    /// <summary>A directory.</summary>
    Directory = 3,

    /// <summary>
    /// A deletion record (tombstone): never part of a tree, only of a path's history and of <c>/sync/diff</c>. Its hash is
    /// the version it deleted and its stamp the deletion's, so a delete orders and replicates like a write.
    /// </summary>
    Deletion = 4,

    /// <summary>A symbolic link.</summary>
    Symlink = 8,
}
