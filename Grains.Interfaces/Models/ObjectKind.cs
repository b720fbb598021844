namespace AeorDb.Grains.Interfaces.Models;

/// <summary>Kinds of immutable objects in the object store; the numbers are the contract's entry types (CONTRACT §4.7).</summary>
public enum ObjectKind
{
    /// <summary>A file chunk of at most 256 KiB.</summary>
    Chunk = 1,

    /// <summary>A file version record: content type, size and chunk ids.</summary>
    FileVersion = 2,

    /// <summary>A Merkle directory node.</summary>
    Directory = 3,

    /// <summary>A symlink record: the target path.</summary>
    Symlink = 8,
}
