namespace AeorDb.Silo.Cli;

/// <summary>Exit codes of the client commands (<c>aeordb status</c>, <c>peers</c>, …), as README "Operating" lists them.</summary>
internal static class CliExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The node answered an error, could not be reached, or an operation failed (e.g. a peer's sync).</summary>
    public const int Failed = 1;

    /// <summary>Bad or missing arguments; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>No usable credentials: the key was refused (401) or lacks the rights (403).</summary>
    public const int Auth = 3;
}
