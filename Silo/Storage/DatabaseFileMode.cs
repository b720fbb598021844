namespace AeorDb.Silo.Storage;

/// <summary>
/// The <c>-D</c> SQLite file holds the JWT signing seed, API key and refresh token hashes: only the node's own user
/// may read it. The file is created 0600 before SQLite opens it, so the <c>-wal</c>, <c>-shm</c> and <c>-journal</c>
/// files SQLite creates beside it inherit that mode (SQLite gives them the database file's permissions); an existing
/// file and sidecars are narrowed to 0600 at every start, and a database directory this node creates is 0700.
/// Nothing to do on Windows, whose ACLs follow the directory.
/// </summary>
internal static class DatabaseFileMode
{
    /// <summary>Owner read and write only.</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] Sidecars = ["-wal", "-shm", "-journal"];

    /// <summary>Creates the directory (0700 when new) and the file (0600 when new), and narrows existing ones to 0600.</summary>
    public static void Secure(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(path))
        {
            // An empty file is an empty SQLite database; SQLite keeps the mode it finds.
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Private });
        }

        foreach (var file in Sidecars.Select(suffix => path + suffix).Prepend(path))
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~Private) != 0)
            {
                File.SetUnixFileMode(file, Private);
            }
        }
    }
}
