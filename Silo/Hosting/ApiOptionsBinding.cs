using AeorDb.Api;
using AeorDb.Silo.CommandLine;

namespace AeorDb.Silo.Hosting;

/// <summary>Maps the command line onto the API's options.</summary>
internal static class ApiOptionsBinding
{
    public static void ConfigureFrom(this ApiOptions api, NodeOptions options, string version)
    {
        api.Version = version;
        api.AuthMode = options.AuthMode;
        api.IdentityFile = options.IdentityFile;
        api.DataDirectory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath))!;
        api.DatabasePath = options.ScaleOut.Enabled ? null : Path.GetFullPath(options.DatabasePath);
        api.HeartbeatClockOffset = options.PeerLink.ClockOffset;
        api.AllowInsecurePeers = options.PeerLink.AllowInsecurePeers;
        if (options.HeartbeatInterval is { } heartbeat)
        {
            api.HeartbeatInterval = heartbeat;
        }
    }
}
