namespace AeorDb.Bench.Report;

/// <summary>What every scenario does with its result and its scratch space.</summary>
internal static class ScenarioOutput
{
    /// <summary>Prints the markdown block for bench/RESULTS.md and, when <paramref name="path"/> is given, writes it there too.</summary>
    public static async Task PublishAsync(string markdown, string? path, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine("----- markdown for bench/RESULTS.md -----");
        Console.Write(markdown);
        Console.WriteLine("-----------------------------------------");
        if (path is not null)
        {
            await File.WriteAllTextAsync(path, markdown, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a scenario's temp directory; a failure is reported, never thrown (the figures matter more).</summary>
    public static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"could not delete {directory.FullName}: {e.Message}");
        }
    }
}
