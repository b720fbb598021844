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

    /// <summary>Used fraction as <c>df</c> counts it: space not available to this process over total; 0 when it cannot be read.</summary>
    public static double UsedRatio(string directory)
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(directory));
            return drive.TotalSize <= 0 ? 0 : 1 - ((double)drive.AvailableFreeSpace / drive.TotalSize);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }
}
