using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;

namespace AeorDb.Tests.Services.Merkle;

/// <summary>Entries and changes for tree tests.</summary>
internal static class TreeEntries
{
    public static string Hash(int n) => n.ToString("x2").PadLeft(64, 'a');

    public static VersionStamp Stamp(long time) => new(time, 7);

    public static FileEntry File(string path, int content, long time = 1000) =>
        new(path, EntryKind.File, Hash(content), content, "text/plain", null, time, time, Stamp(time));

    public static FileEntry Symlink(string path, string target, long time = 1000) =>
        new(path, EntryKind.Symlink, TreeBatch.SymlinkHash(target), 0, null, target, time, time, Stamp(time));

    public static FileEntry Directory(string path, long time = 1000) =>
        new(path, EntryKind.Directory, string.Empty, 0, null, null, time, time, Stamp(time));

    public static TreeChange Put(FileEntry entry) => new(entry.Path, entry);

    public static TreeChange Delete(string path) => new(path, null);
}
