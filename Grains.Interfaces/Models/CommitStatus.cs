namespace AeorDb.Grains.Interfaces.Models;

/// <summary>Outcome of a tree commit or of a file grain write.</summary>
public enum CommitStatus
{
    /// <summary>Applied and durable.</summary>
    Ok = 0,

    /// <summary>The path (or the source of a rename) does not exist.</summary>
    NotFound = 1,

    /// <summary>A parent component of the path is a file or symlink, or the path is a directory where a file was expected.</summary>
    PathConflict = 2,

    /// <summary>A directory to delete still has children.</summary>
    DirectoryNotEmpty = 3,

    /// <summary>The request is malformed (root path, self rename).</summary>
    Invalid = 4,

    /// <summary>A change's expected id no longer matches the path (a concurrent write won the race).</summary>
    Stale = 5,
}
