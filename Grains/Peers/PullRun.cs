using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Peers;

namespace AeorDb.Grains.Peers;

/// <summary>
/// One pull running on the thread pool for a <see cref="PeerGrain"/>: what it was started with, its live progress,
/// the triggers waiting for its result, the announced changes it covers (for the lag), and whether it is
/// the follow-up of an earlier pull (events arrived during that one).
/// </summary>
internal sealed record PullRun(
    long Number,
    PeerRecord Peer,
    string? Since,
    PullProgress Progress,
    Task<(PullResult Result, string? PeerRootHash)> Work,
    CancellationTokenSource Cancel,
    List<TaskCompletionSource<PullResult>> Waiters,
    AnnouncedChanges Covered,
    bool IsFollowUp);
