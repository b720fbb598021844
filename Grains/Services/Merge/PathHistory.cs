using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merge;

/// <summary>Reading a path's history (newest first) as the merge needs it: which states came before a given one.</summary>
internal static class PathHistory
{
    /// <summary>Where <paramref name="state"/> is in <paramref name="history"/>; -1 when absent.</summary>
    public static int IndexOf(IReadOnlyList<FileEntry> history, VersionRef state)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (VersionRef.Of(history[i]) == state)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The states after position <paramref name="index"/>: the ones the path had before that entry.</summary>
    public static IReadOnlyList<VersionRef> Before(IReadOnlyList<FileEntry> history, int index) =>
        [.. history.Skip(index + 1).Select(VersionRef.Of)];
}
