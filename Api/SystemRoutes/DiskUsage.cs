namespace AeorDb.Api.SystemRoutes;

/// <summary>How full the disk holding the database is, for /system/health.</summary>
internal static class DiskUsage
{
    /// <summary>healthy, degraded (more than <paramref name="degradedRatio"/> used) or unhealthy (more than <paramref name="unhealthyRatio"/>).</summary>
    public static string Status(string directory, double degradedRatio, double unhealthyRatio)
    {
        var used = UsedRatio(directory);
        return used > unhealthyRatio ? "unhealthy" : used > degradedRatio ? "degraded" : "healthy";
    }

    /// <summary>
    /// Used fraction as <c>df</c> reports it: used / (used + available to unprivileged users). Total size is not
    /// the denominator because reserved blocks (and pooled storage on some file systems) would inflate it.
    /// 0 when the disk cannot be read.
    /// </summary>
    public static double UsedRatio(string directory)
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(directory));
            var used = (double)(drive.TotalSize - drive.TotalFreeSpace);
            var usable = used + drive.AvailableFreeSpace;
            return usable <= 0 ? 0 : used / usable;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }

    /// <summary>Bytes available to unprivileged users on <paramref name="directory"/>'s disk; null when the disk cannot be read.</summary>
    public static long? FreeBytes(string directory)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
