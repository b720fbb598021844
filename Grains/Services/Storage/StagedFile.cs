using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// One writer's hold on a staged version (<see cref="IStagedFile"/>), released at most once. <c>put</c> stores the
/// objects with a durable put of their own.
/// </summary>
internal sealed class StagedFile(StagedObjects staged, FileVersion version, NewObject[] objects, Func<FileVersion, NewObject[], CancellationToken, Task> put) : IStagedFile
{
    private int _released;

    public FileVersion Version { get; } = version;

    public void Release(bool committed)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        staged.Release(Version.Hash);
    }

    public async Task PersistAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _released) != 0)
        {
            return;
        }

        // On failure the version stays staged: a commit still queued somewhere then writes the objects itself.
        await put(Version, objects, cancellationToken).ConfigureAwait(false);
        Release(false);
    }
}
