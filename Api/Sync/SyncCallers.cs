using AeorDb.Api.Auth;

namespace AeorDb.Api.Sync;

/// <summary>Sorts a request's <see cref="Caller"/> into its <see cref="SyncCallerClass"/>.</summary>
internal static class SyncCallers
{
    public static SyncCallerClass Classify(Caller caller) =>
        caller.IsPeer ? SyncCallerClass.Peer
        : caller.IsRoot ? SyncCallerClass.Root
        : SyncCallerClass.Scoped;
}
