using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Storage;

/// <summary>
/// Whole-file reads and writes over the object store and the file grains (see <see cref="IFileContent"/>).
/// Bytes go to the store; only hashes and sizes go to the grains (STYLE Do/Don't 1).
/// </summary>
internal sealed class FileContent(
    IObjectStore store,
    IGrainFactory grains,
    IPathRules rules,
    ChunkUploader uploader,
    VersionReader reader) : IFileContent
{
    private static readonly WriteResult _invalid = new(CommitStatus.Invalid, null, 0);

    /// <summary>The tree grain's reference, made once: GetGrain resolves the interface's grain type on every call.</summary>
    private ITreeGrain? _tree;

    private ITreeGrain Tree => _tree ??= grains.GetGrain<ITreeGrain>(0);

    /// <summary>Streams a body into chunks and commits it; an upload failure (too large, broken stream) commits nothing.</summary>
    public async Task<StoreOutcome> StoreAsync(string canonicalPath, Stream body, string? contentType, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (canonicalPath == "/")
        {
            return new(_invalid, UploadFailure.None);
        }

        var system = rules.IsSystem(canonicalPath);
        var upload = await uploader.UploadAsync(body, system, maxBytes, contentType, cancellationToken).ConfigureAwait(false);
        if (upload.Failure != UploadFailure.None)
        {
            return new(null, upload.Failure);
        }

        if (upload.Staged is { } staged)
        {
            return new(await CommitStagedAsync(canonicalPath, staged, cancellationToken).ConfigureAwait(false), UploadFailure.None, upload.ContentHash);
        }

        var version = upload.Version
            ?? await store.PutFileVersionAsync(upload.ChunkHashes, upload.Size, upload.ContentType, system, cancellationToken).ConfigureAwait(false);
        return new(await CommitAsync(canonicalPath, version, cancellationToken).ConfigureAwait(false), UploadFailure.None, upload.ContentHash);
    }

    public async Task<WriteResult> WriteAsync(string canonicalPath, Stream body, string? contentType, long maxBytes, CancellationToken cancellationToken = default)
    {
        var outcome = await StoreAsync(canonicalPath, body, contentType, maxBytes, cancellationToken).ConfigureAwait(false);
        return outcome.Result ?? _invalid;
    }

    public async Task<WriteResult> WriteBytesAsync(string canonicalPath, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken = default)
    {
        if (canonicalPath == "/")
        {
            return _invalid;
        }

        var system = rules.IsSystem(canonicalPath);
        var hashes = new List<string>((content.Length / ChunkUploader.ChunkSize) + 1);
        for (var offset = 0; offset < content.Length; offset += ChunkUploader.ChunkSize)
        {
            var chunk = content.Slice(offset, Math.Min(ChunkUploader.ChunkSize, content.Length - offset));
            hashes.Add(Convert.ToHexStringLower(await store.PutChunkAsync(chunk, system, cancellationToken).ConfigureAwait(false)));
        }

        var sniffed = content.IsEmpty ? null : ContentSniffer.Sniff(content.Span, isWhole: content.Length <= ContentSniffer.SniffLength);
        var type = ContentSniffer.Resolve(contentType, sniffed);
        var version = await store.PutFileVersionAsync(hashes, content.Length, type, system, cancellationToken).ConfigureAwait(false);
        return await CommitAsync(canonicalPath, version, cancellationToken).ConfigureAwait(false);
    }

    public Task<byte[]?> ReadBytesAsync(string canonicalPath, CancellationToken cancellationToken = default) =>
        ReadBytesAsync(canonicalPath, long.MaxValue, cancellationToken);

    public async Task<byte[]?> ReadBytesAsync(string canonicalPath, long maxBytes, CancellationToken cancellationToken = default)
    {
        var entry = await grains.GetGrain<ITreeGrain>(0).GetAsync(canonicalPath).ConfigureAwait(false);
        if (entry is not { Kind: EntryKind.File })
        {
            return null;
        }

        var version = await store.GetFileVersionAsync(entry.Hash, cancellationToken).ConfigureAwait(false);
        return version is null || version.Size > maxBytes ? null : await reader.ReadAllAsync(version, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> WasDeletedAsync(string canonicalPath, CancellationToken cancellationToken = default)
    {
        // Newest first; deletions (local or pulled) are recorded in the path's history like writes.
        var history = await grains.GetGrain<IFileGrain>(canonicalPath).GetHistoryAsync().ConfigureAwait(false);
        return history.Count > 0 && history[0].Kind == EntryKind.Deletion;
    }

    public async Task<IReadOnlyList<FileEntry>> ListAsync(string canonicalDirectory, CancellationToken cancellationToken = default)
    {
        var listing = await grains.GetGrain<ITreeGrain>(0).ListAsync(canonicalDirectory, 0, null).ConfigureAwait(false);
        return listing is { Found: true, IsDirectory: true } ? listing.Items : [];
    }

    public async Task<bool> DeleteAsync(string canonicalPath, CancellationToken cancellationToken = default)
    {
        var result = await grains.GetGrain<IFileGrain>(canonicalPath).DeleteAsync(EntryKind.File).ConfigureAwait(false);
        return result.Status == CommitStatus.Ok;
    }

    /// <summary>
    /// Commits a staged file: the tree commit that puts it writes its objects. Once the tree answered, the hold is
    /// released; if the call failed without an answer, its commit may still be queued, so the objects are put durably
    /// before the failure goes on.
    /// </summary>
    private async Task<WriteResult> CommitStagedAsync(string canonicalPath, IStagedFile staged, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            staged.Release(committed: false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        WriteResult result;
        try
        {
            result = await CommitAsync(canonicalPath, staged.Version, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await staged.PersistAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        staged.Release(result.Status == CommitStatus.Ok);
        return result;
    }

    private Task<WriteResult> CommitAsync(string canonicalPath, FileVersion version, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // One grain call: the tree applies, stamps and group-commits the PUT (see FileGrain for why no per-path grain).
        return Tree.PutFileAsync(canonicalPath, version.Hash, version.Size, version.ContentType);
    }
}
