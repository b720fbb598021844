namespace AeorDb.Api.Sync;

/// <summary>The caller classes of /sync/diff and /sync/chunks (CONTRACT §5.1).</summary>
internal enum SyncCallerClass
{
    /// <summary>Root <c>sub</c> with <c>scope:"sync"</c>, or any caller when auth is disabled: everything, system data included.</summary>
    Peer = 0,

    /// <summary>Root <c>sub</c> without key rules: everything, system data included (the page grants root full sync access).</summary>
    Root = 1,

    /// <summary>Anyone else, a root-owned key with rules included: filtered, never system data.</summary>
    Scoped = 2,
}
