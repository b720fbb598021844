using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AeorDb.Grains.Services.Storage.Segments;

/// <summary>
/// Starts the disk write of bytes just appended to a segment (Linux <c>sync_file_range</c> with
/// <c>SYNC_FILE_RANGE_WRITE</c>), without waiting for it. The fsync before the commit (<see cref="SegmentSet.SyncAppends"/>)
/// still decides durability; this only lets the disk work on a batch's first chunks while the writer appends the next
/// ones, instead of the whole batch waiting in that fsync. A 256 MiB upload spent 0.5-1.5 s of its 2.7-4.1 s blocked in
/// fsync before (bench/RESULTS.md, "Storage engine: large PUT throughput"). A failure is ignored: the fsync reports
/// any error that matters. On other systems it does nothing.
/// </summary>
internal static class WriteBehind
{
    private const uint SyncFileRangeWrite = 2; // SYNC_FILE_RANGE_WRITE

    public static void Start(SafeFileHandle handle, long offset, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0)
        {
            return;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _ = SyncFileRange((int)handle.DangerousGetHandle(), offset, length, SyncFileRangeWrite);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe blocks for one plain libc call.
    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static extern int SyncFileRange(int fd, long offset, long nbytes, uint flags);
#pragma warning restore SYSLIB1054
}
