using Microsoft.Win32.SafeHandles;

namespace AeorDb.Grains.Services.Storage.Segments;

/// <summary>Segment files are private to the node's user like the database file: 0600 files in a 0700 directory (Unix).</summary>
internal static class PrivateFiles
{
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Directory = File | UnixFileMode.UserExecute;

    /// <summary>Creates the directory (0700) when absent and narrows it to 0700.</summary>
    public static void EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return;
        }

        System.IO.Directory.CreateDirectory(path, Directory);
        System.IO.File.SetUnixFileMode(path, Directory);
    }

    /// <summary>Narrows an open file to 0600.</summary>
    public static void Narrow(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(handle, File);
        }
    }
}
