namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// Counts a pull's files whose content is complete as their missing chunks are stored: a file with none missing
/// counts at once, the others when their last missing chunk is in. Thread-safe: chunks are stored concurrently.
/// </summary>
internal sealed class EntryTracker
{
    private readonly Dictionary<string, List<int>> _filesByChunk = new(StringComparer.Ordinal);
    private readonly int[] _remaining;
    private readonly PullProgress _progress;

    public EntryTracker(List<PeerFileChange> files, List<string> missing, PullProgress progress)
    {
        _progress = progress;
        _remaining = new int[files.Count];
        var wanted = missing.ToHashSet(StringComparer.Ordinal);
        var complete = 0;
        for (var i = 0; i < files.Count; i++)
        {
            foreach (var hash in (files[i].ChunkHashes ?? []).Select(static h => h.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
            {
                if (!wanted.Contains(hash))
                {
                    continue;
                }

                _remaining[i]++;
                if (!_filesByChunk.TryGetValue(hash, out var list))
                {
                    _filesByChunk[hash] = list = [];
                }

                list.Add(i);
            }

            if (_remaining[i] == 0)
            {
                complete++;
            }
        }

        progress.AddEntries(complete);
    }

    /// <summary>One missing chunk of <paramref name="bytes"/> bytes is stored.</summary>
    public void Stored(string hash, long bytes)
    {
        _progress.AddBytes(bytes);
        if (!_filesByChunk.TryGetValue(hash, out var files))
        {
            return;
        }

        foreach (var file in files)
        {
            if (Interlocked.Decrement(ref _remaining[file]) == 0)
            {
                _progress.AddEntries(1);
            }
        }
    }
}
