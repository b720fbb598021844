using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// One directory of the in-memory HEAD: its own metadata and its children by name. Instances owned by
/// <see cref="TreeIndex"/> are never mutated; a batch clones a directory before changing it, so readers of
/// HEAD never see a change before it is durable. The clone is O(1): children are a persistent
/// <see cref="ChildMap"/> that a change replaces, sharing every untouched bucket.
/// </summary>
internal sealed class TreeDirectory
{
    public TreeDirectory(string path, long createdAt, long updatedAt, VersionStamp stamp, int maxLeafChildren)
    {
        Path = path;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        Stamp = stamp;
        Children = ChildMap.Empty(maxLeafChildren);
    }

    private TreeDirectory(TreeDirectory source)
    {
        Path = source.Path;
        Hash = source.Hash;
        CreatedAt = source.CreatedAt;
        UpdatedAt = source.UpdatedAt;
        Stamp = source.Stamp;
        Children = source.Children;
    }

    public string Path { get; }

    /// <summary>Lowercase hex node id; empty until the directory has been hashed.</summary>
    public string Hash { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public VersionStamp Stamp { get; set; }

    /// <summary>Children by name. A child directory's entry carries that directory's hash and times.</summary>
    public ChildMap Children { get; set; }

    public TreeDirectory Clone() => new(this);

    public FileEntry ToEntry() => new(Path, EntryKind.Directory, Hash, 0, null, null, CreatedAt, UpdatedAt, Stamp);
}
