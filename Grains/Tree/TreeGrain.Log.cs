using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Tree;

internal sealed partial class TreeGrain
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Tree loaded: {EntryCount} catalog entries, root {RootHash}")]
    private partial void LogLoaded(int entryCount, string rootHash);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Stored head root {StoredRoot} differs from the root {ComputedRoot} computed from the catalog; trusting the catalog")]
    private partial void LogRootMismatch(string storedRoot, string computedRoot);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Skipped {Count} malformed catalog entries while loading the tree")]
    private partial void LogSkippedEntries(int count);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Tree commit of {CallCount} calls, root {RootHash}")]
    private partial void LogCommitted(int callCount, string rootHash);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Tree commit of {CallCount} calls failed; HEAD unchanged")]
    private partial void LogCommitFailed(Exception exception, int callCount);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Applying tree changes failed")]
    private partial void LogApplyFailed(Exception exception);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Tree commit of {CallCount} calls refused: {Reason} This activation reloads HEAD on its next call.")]
    private partial void LogHeadMoved(string reason, int callCount);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Error, Message = "Loading the tree from the catalog failed; the next call loads it again")]
    private partial void LogLoadFailed(Exception exception);
}
