using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// The directories as a built batch leaves them, before it is accepted: its staged directories (null: removed) over the
/// directories it was started on. A batch started on this view (<see cref="TreeIndex.BeginAfter"/>) sees every change of
/// the batch below it, so the tree can prepare the next commit while the one below is still being made durable.
/// </summary>
internal sealed class StagedDirectories(IReadOnlyDictionary<string, TreeDirectory?> staged, IReadOnlyDictionary<string, TreeDirectory> below)
    : IReadOnlyDictionary<string, TreeDirectory>
{
    public int Count
    {
        get
        {
            var count = 0;
            using var items = GetEnumerator();
            while (items.MoveNext())
            {
                count++;
            }

            return count;
        }
    }

    public IEnumerable<string> Keys => this.Select(static pair => pair.Key);

    public IEnumerable<TreeDirectory> Values => this.Select(static pair => pair.Value);

    public TreeDirectory this[string key] => TryGetValue(key, out var directory) ? directory : throw new KeyNotFoundException($"No directory {key}.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TreeDirectory value)
    {
        if (staged.TryGetValue(key, out var directory))
        {
            value = directory;
            return directory is not null;
        }

        return below.TryGetValue(key, out value);
    }

    public IEnumerator<KeyValuePair<string, TreeDirectory>> GetEnumerator()
    {
        foreach (var (path, directory) in staged)
        {
            if (directory is not null)
            {
                yield return new KeyValuePair<string, TreeDirectory>(path, directory);
            }
        }

        foreach (var pair in below)
        {
            if (!staged.ContainsKey(pair.Key))
            {
                yield return pair;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
