using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Peers;

/// <summary>Storing the version records of a pull's files: all queued at once, so the store's group commit writes them in few transactions.</summary>
internal sealed partial class PeerPuller
{
    /// <summary>Stores every file's version record (its chunks are stored already) and returns them by path.</summary>
    private async Task<Dictionary<string, FileVersion>> StoreVersionsAsync(List<PeerFileChange> files, CancellationToken cancellationToken)
    {
        var writes = files.Select(file => store.PutFileVersionAsync(
            file.ChunkHashes ?? [], file.Size, file.ContentType, pathRules.IsSystem(file.Path), cancellationToken).AsTask()).ToList();
        var versions = await Task.WhenAll(writes).ConfigureAwait(false);
        var byPath = new Dictionary<string, FileVersion>(files.Count, StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            byPath[files[i].Path] = versions[i];
        }

        return byPath;
    }
}
