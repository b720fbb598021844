using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Lifecycle;

/// <summary>
/// Issue 13 item 10: the database file holds the signing seed and key hashes, so it and its SQLite sidecars are
/// owner-only (0600): created so on a first start, narrowed so on a start that finds them wider.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseFileModeTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task FirstStart_DatabaseAndSidecars_AreOwnerOnly()
    {
        await using var node = await AeorDbNode.StartAsync();
        await (await node.RootAsync()).PutTextAsync("/mode/a.txt", "x");

        foreach (var file in DatabaseFiles(node))
        {
            Assert.Equal(Private, File.GetUnixFileMode(file));
        }

        Assert.Contains(node.DatabasePath + "-wal", DatabaseFiles(node));
    }

    [Fact]
    public async Task Restart_WorldReadableDatabase_IsNarrowedToOwnerOnly()
    {
        await using var node = await AeorDbNode.StartAsync();
        await node.StopAsync();
        var wide = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        foreach (var file in DatabaseFiles(node))
        {
            File.SetUnixFileMode(file, wide);
        }

        await node.RestartAsync();

        foreach (var file in DatabaseFiles(node))
        {
            Assert.Equal(Private, File.GetUnixFileMode(file));
        }
    }

    private static List<string> DatabaseFiles(AeorDbNode node) =>
        [.. new[] { "", "-wal", "-shm", "-journal" }.Select(suffix => node.DatabasePath + suffix).Where(File.Exists)];
}
