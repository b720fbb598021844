using System.Text.Json;
using AeorDb.Api.Storage;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Auth.Keys;

/// <summary>Reads and writes the small JSON records auth keeps under /.aeordb-system/ through <see cref="IFileContent"/>.</summary>
internal static class SystemRecords
{
    public static Task<T?> ReadAsync<T>(IFileContent files, string path, CancellationToken cancellationToken)
        where T : class =>
        ReadAsync<T>(files, path, long.MaxValue, cancellationToken);

    /// <summary>The record, or null when absent, unparseable or larger than <paramref name="maxBytes"/> (then nothing is read).</summary>
    public static async Task<T?> ReadAsync<T>(IFileContent files, string path, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await files.ReadBytesAsync(path, maxBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, ApiJson.Options);
        }
        catch (JsonException)
        {
            // A record that does not parse (foreign or damaged) counts as absent: it can grant nothing.
            return null;
        }
    }

    public static async Task WriteAsync<T>(IFileContent files, string path, T record, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, ApiJson.Options);
        var result = await files.WriteBytesAsync(path, bytes, "application/json", cancellationToken).ConfigureAwait(false);
        if (result.Status != CommitStatus.Ok)
        {
            throw new InvalidOperationException($"Writing {path} failed: {result.Status}.");
        }
    }

    /// <summary>Names of the files directly under <paramref name="directory"/>.</summary>
    public static async Task<IReadOnlyList<string>> FileNamesAsync(IFileContent files, string directory, CancellationToken cancellationToken)
    {
        var entries = await files.ListAsync(directory, cancellationToken).ConfigureAwait(false);
        var names = new List<string>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Kind == EntryKind.File)
            {
                names.Add(entry.Path[(entry.Path.LastIndexOf('/') + 1)..]);
            }
        }

        return names;
    }
}
