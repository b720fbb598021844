namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// One write waiting for the store's single writer: it is applied inside a group transaction and its
/// task completes only after that transaction committed.
/// </summary>
internal abstract class PendingWrite
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Bytes this write holds in the writer queue's budget.</summary>
    public abstract long Bytes { get; }

    /// <summary>Completes once the write is durable; faults when its transaction failed.</summary>
    public Task Completion => _done.Task;

    /// <summary>Set when this write alone was rolled back inside an otherwise committed transaction.</summary>
    public Exception? Failure { get; set; }

    public void Finish()
    {
        if (Failure is null)
        {
            _done.TrySetResult();
        }
        else
        {
            _done.TrySetException(Failure);
        }
    }

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
