namespace AeorDb.Bench.Scenarios.Files;

/// <summary>The measured phases of one round, in the order they run.</summary>
internal enum FilesPhase
{
    /// <summary>PUT fresh 4 KiB files over the connection pool.</summary>
    SmallPut,

    /// <summary>GET random already-stored 4 KiB files over the connection pool.</summary>
    SmallGet,

    /// <summary>One large PUT streamed from memory, with server RSS sampling.</summary>
    LargePut,

    /// <summary>One large GET streamed into a reused buffer.</summary>
    LargeGet,
}
