using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// A SQLite VFS (<see cref="Name"/>) that is the platform's default VFS except for one thing: the frames a transaction
/// appends to a WAL file are gathered in memory and handed to the kernel in large writes, at the latest when the
/// commit frame was written. SQLite writes each frame as two calls (its 24-byte header, then the page), and on the
/// machines the benchmarks run on each such call costs about 4.5 us whatever its size (ext4 updates the file's times and
/// opens a journal handle per call): a group commit of a dozen small files appends about 170 frames, and 340 calls made
/// up most of its COMMIT (bench/RESULTS.md, "Storage engine: WAL frames in one write"). In one call per 120 KiB the same
/// bytes cost a tenth.
/// </summary>
/// <remarks>
/// <para>
/// Why this is correct: no other connection reads a frame before the commit that contains it is published in the
/// WAL index, which SQLite does only after the write of the commit frame returned; this VFS writes every gathered frame
/// before that write returns (a commit frame is the one whose header carries a database size), and returns the write's
/// error if it failed, so SQLite fails the commit exactly as it would have. Any other call on the WAL file (read, size,
/// truncate, sync, file control, close) first writes what is gathered, so SQLite's own reads of frames it has not
/// committed (checksum rewrites) and its fsyncs see every byte, and <c>synchronous=FULL</c> still syncs them all before
/// the commit is acknowledged. A write that does not continue the gathered bytes (SQLite rewriting a frame of the same
/// transaction) writes the gathered bytes first, so the file ends up as without this VFS.
/// </para>
/// <para>
/// Why not a library: SQLite offers no option to coalesce WAL writes, and Microsoft.Data.Sqlite and SQLitePCLRaw expose
/// no way to write a VFS; this one is the documented shim pattern (a copy of the default VFS whose xOpen wraps the
/// files it opens), in unmanaged callbacks, with nothing allocated on the managed heap. The database file, its shared
/// memory, locking and every other call are the default VFS's own, so connections on this VFS and on the default one
/// (Orleans' tables in the same file) share one set of locks.
/// </para>
/// </remarks>
internal static unsafe class SqliteWalVfs
{
    /// <summary>The VFS name a connection string names (<c>Vfs=</c>).</summary>
    public const string Name = "aeordb-wal";

    /// <summary>
    /// Gathered bytes per WAL file handle before they are written out in one call: just under 128 KiB, because the
    /// default unix VFS writes at most 0x1ffff bytes a call (it masks the length) and reports a longer write as a full disk.
    /// </summary>
    internal const int BufferBytes = 120 * 1024;

    private const int SqliteOk = 0;
    private const int SqliteNoMem = 7;
    private const int OpenWal = 0x00080000;
    private const int WalHeaderBytes = 32;
    private const int FrameHeaderBytes = 24;

    private static readonly Lock _gate = new();
    private static Vfs* _base;
    private static Vfs* _vfs;
    private static IoMethods* _methods;

    /// <summary>Offset of the shim's state in a file: after the default VFS's own file object, aligned.</summary>
    private static int _stateOffset;

    private static long _walBytesWritten;
    private static long _walWriteCalls;

    /// <summary>Write calls this VFS made on WAL files (tests).</summary>
    internal static long WalWriteCalls => Volatile.Read(ref _walWriteCalls);

    /// <summary>Bytes this process wrote to WAL files through this VFS, ever (the background checkpoint's clock).</summary>
    public static long WalBytesWritten => Volatile.Read(ref _walBytesWritten);

    /// <summary>Registers the VFS once per process (not as the default); later calls do nothing.</summary>
    public static void EnsureRegistered()
    {
        lock (_gate)
        {
            if (_vfs is not null)
            {
                return;
            }

            var baseVfs = sqlite3_vfs_find(null);
            if (baseVfs is null)
            {
                throw new InvalidOperationException("SQLite has no default VFS");
            }

            var vfs = (Vfs*)NativeMemory.AllocZeroed((nuint)sizeof(Vfs));
            *vfs = *baseVfs;
            vfs->iVersion = Math.Min(baseVfs->iVersion, 3);
            vfs->pNext = null;
            vfs->zName = (byte*)Marshal.StringToCoTaskMemUTF8(Name);
            _stateOffset = (baseVfs->szOsFile + 15) & ~15;
            vfs->szOsFile = _stateOffset + sizeof(WalState);
            vfs->xOpen = &Open;

            var methods = (IoMethods*)NativeMemory.AllocZeroed((nuint)sizeof(IoMethods));
            methods->iVersion = 3;
            methods->xClose = &Close;
            methods->xRead = &Read;
            methods->xWrite = &Write;
            methods->xTruncate = &Truncate;
            methods->xSync = &Sync;
            methods->xFileSize = &FileSize;
            methods->xLock = &LockFile;
            methods->xUnlock = &Unlock;
            methods->xCheckReservedLock = &CheckReservedLock;
            methods->xFileControl = &FileControl;
            methods->xSectorSize = &SectorSize;
            methods->xDeviceCharacteristics = &DeviceCharacteristics;
            methods->xShmMap = &ShmMap;
            methods->xShmLock = &ShmLock;
            methods->xShmBarrier = &ShmBarrier;
            methods->xShmUnmap = &ShmUnmap;
            methods->xFetch = &Fetch;
            methods->xUnfetch = &Unfetch;

            _base = baseVfs;
            _methods = methods;
            var rc = sqlite3_vfs_register(vfs, 0);
            if (rc != SqliteOk)
            {
                throw new InvalidOperationException($"sqlite3_vfs_register failed ({rc})");
            }

            _vfs = vfs;
        }
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern Vfs* sqlite3_vfs_find(byte* name);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_vfs_register(Vfs* vfs, int makeDefault);

    private static WalState* StateOf(File* file) => (WalState*)((byte*)file + _stateOffset);

    private static IoMethods* Inner(File* file) => StateOf(file)->Inner;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Open(Vfs* vfs, byte* name, File* file, int flags, int* outFlags)
    {
        var rc = _base->xOpen(_base, name, file, flags, outFlags);
        if (rc != SqliteOk || (flags & OpenWal) == 0 || file->pMethods is null)
        {
            return rc; // the default VFS's file, untouched: every call goes straight to it
        }

        var state = StateOf(file);
        *state = default;
        state->Inner = file->pMethods;
        file->pMethods = _methods;
        return rc;
    }

    /// <summary>Writes the gathered bytes in one call; the inner write's result.</summary>
    private static int Flush(File* file)
    {
        var state = StateOf(file);
        if (state->Length == 0)
        {
            return SqliteOk;
        }

        var length = state->Length;
        state->Length = 0;
        Interlocked.Add(ref _walBytesWritten, length);
        Interlocked.Increment(ref _walWriteCalls);
        return state->Inner->xWrite(file, state->Buffer, length, state->Start);
    }

    /// <summary>
    /// Gathers a write. Frames arrive as a header (24 bytes) then its page, appended one after the other; the page of a
    /// commit frame (its header carries the database size) ends the gathering. Two cases need care, both of SQLite
    /// rewriting frames of the transaction being committed: a page overwritten in place, which does not continue the
    /// gathered bytes and so writes them first; and the checksum pass after the commit frame (walRewriteChecksums), which
    /// reads each frame (writing out whatever was gathered) and rewrites only its header, so no page follows the
    /// rewritten commit header. A commit header that starts the gathering is therefore written at once, and the page
    /// that may follow it too.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Write(File* file, byte* data, int amount, long offset)
    {
        var state = StateOf(file);
        var commitHeader = amount == FrameHeaderBytes && offset >= WalHeaderBytes
            && BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(data + 4, 4)) != 0;
        var continues = state->Length > 0 && offset == state->Start + state->Length && state->Length + amount <= BufferBytes;
        if (!continues)
        {
            var flushed = Flush(file);
            if (flushed != SqliteOk)
            {
                return flushed;
            }

            if (amount > BufferBytes)
            {
                state->CommitPending = 0;
                Interlocked.Add(ref _walBytesWritten, amount);
                Interlocked.Increment(ref _walWriteCalls);
                return state->Inner->xWrite(file, data, amount, offset);
            }

            if (state->Buffer is null)
            {
                state->Buffer = (byte*)NativeMemory.Alloc(BufferBytes);
                if (state->Buffer is null)
                {
                    return SqliteNoMem;
                }
            }

            state->Start = offset;
        }

        new ReadOnlySpan<byte>(data, amount).CopyTo(new Span<byte>(state->Buffer + state->Length, amount));
        state->Length += amount;

        if (commitHeader)
        {
            // Its page, if one follows, is written as soon as it arrived; a header that may be the last write is written now.
            state->CommitPending = 1;
            return continues ? SqliteOk : Flush(file);
        }

        if (state->CommitPending != 0)
        {
            // The page of a commit frame: the transaction is complete, and SQLite publishes it once this call returns.
            state->CommitPending = 0;
            return Flush(file);
        }

        return SqliteOk;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Close(File* file)
    {
        var state = StateOf(file);
        var inner = state->Inner;
        var flushed = Flush(file);
        if (state->Buffer is not null)
        {
            NativeMemory.Free(state->Buffer);
            state->Buffer = null;
        }

        var closed = inner->xClose(file);
        return flushed != SqliteOk ? flushed : closed;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(File* file, byte* data, int amount, long offset)
    {
        var flushed = Flush(file);
        return flushed != SqliteOk ? flushed : Inner(file)->xRead(file, data, amount, offset);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Truncate(File* file, long size)
    {
        var flushed = Flush(file);
        return flushed != SqliteOk ? flushed : Inner(file)->xTruncate(file, size);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Sync(File* file, int flags)
    {
        var flushed = Flush(file);
        return flushed != SqliteOk ? flushed : Inner(file)->xSync(file, flags);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FileSize(File* file, long* size)
    {
        var flushed = Flush(file);
        return flushed != SqliteOk ? flushed : Inner(file)->xFileSize(file, size);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FileControl(File* file, int op, void* argument)
    {
        var flushed = Flush(file);
        return flushed != SqliteOk ? flushed : Inner(file)->xFileControl(file, op, argument);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int LockFile(File* file, int level) => Inner(file)->xLock(file, level);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Unlock(File* file, int level) => Inner(file)->xUnlock(file, level);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CheckReservedLock(File* file, int* result) => Inner(file)->xCheckReservedLock(file, result);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SectorSize(File* file) => Inner(file)->xSectorSize(file);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int DeviceCharacteristics(File* file) => Inner(file)->xDeviceCharacteristics(file);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ShmMap(File* file, int page, int pageSize, int extend, void** mapped) =>
        Inner(file)->xShmMap(file, page, pageSize, extend, mapped);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ShmLock(File* file, int offset, int count, int flags) => Inner(file)->xShmLock(file, offset, count, flags);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ShmBarrier(File* file) => Inner(file)->xShmBarrier(file);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ShmUnmap(File* file, int delete) => Inner(file)->xShmUnmap(file, delete);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Fetch(File* file, long offset, int amount, void** page)
    {
        // A WAL file is never memory-mapped by SQLite; answer "no mapping" like a VFS without xFetch would.
        *page = null;
        return SqliteOk;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Unfetch(File* file, long offset, void* page) => SqliteOk;

    /// <summary>What the shim keeps in each WAL file object, after the default VFS's own state.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct WalState
    {
        public IoMethods* Inner;
        public byte* Buffer;
        public long Start;
        public int Length;
        public int CommitPending;
    }

    /// <summary><c>sqlite3_file</c>: its first member is the methods table.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct File
    {
        public IoMethods* pMethods;
    }

    /// <summary><c>sqlite3_io_methods</c>, version 3.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoMethods
    {
        public int iVersion;
        public delegate* unmanaged[Cdecl]<File*, int> xClose;
        public delegate* unmanaged[Cdecl]<File*, byte*, int, long, int> xRead;
        public delegate* unmanaged[Cdecl]<File*, byte*, int, long, int> xWrite;
        public delegate* unmanaged[Cdecl]<File*, long, int> xTruncate;
        public delegate* unmanaged[Cdecl]<File*, int, int> xSync;
        public delegate* unmanaged[Cdecl]<File*, long*, int> xFileSize;
        public delegate* unmanaged[Cdecl]<File*, int, int> xLock;
        public delegate* unmanaged[Cdecl]<File*, int, int> xUnlock;
        public delegate* unmanaged[Cdecl]<File*, int*, int> xCheckReservedLock;
        public delegate* unmanaged[Cdecl]<File*, int, void*, int> xFileControl;
        public delegate* unmanaged[Cdecl]<File*, int> xSectorSize;
        public delegate* unmanaged[Cdecl]<File*, int> xDeviceCharacteristics;
        public delegate* unmanaged[Cdecl]<File*, int, int, int, void**, int> xShmMap;
        public delegate* unmanaged[Cdecl]<File*, int, int, int, int> xShmLock;
        public delegate* unmanaged[Cdecl]<File*, void> xShmBarrier;
        public delegate* unmanaged[Cdecl]<File*, int, int> xShmUnmap;
        public delegate* unmanaged[Cdecl]<File*, long, int, void**, int> xFetch;
        public delegate* unmanaged[Cdecl]<File*, long, void*, int> xUnfetch;
    }

    /// <summary><c>sqlite3_vfs</c>, version 3; only <c>xOpen</c> is called from here, the rest is copied from the default VFS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Vfs
    {
        public int iVersion;
        public int szOsFile;
        public int mxPathname;
        public Vfs* pNext;
        public byte* zName;
        public void* pAppData;
        public delegate* unmanaged[Cdecl]<Vfs*, byte*, File*, int, int*, int> xOpen;
        public void* xDelete;
        public void* xAccess;
        public void* xFullPathname;
        public void* xDlOpen;
        public void* xDlError;
        public void* xDlSym;
        public void* xDlClose;
        public void* xRandomness;
        public void* xSleep;
        public void* xCurrentTime;
        public void* xGetLastError;
        public void* xCurrentTimeInt64;
        public void* xSetSystemCall;
        public void* xGetSystemCall;
        public void* xNextSystemCall;
    }
}
