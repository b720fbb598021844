using System.Net;
using System.Net.Sockets;

namespace AeorDb.Silo.Hosting;

/// <summary>Free loopback ports for the Orleans silo and gateway, so nodes started with only --port and -D different do not collide.</summary>
internal static class FreePorts
{
    /// <summary>Returns <paramref name="requested"/> when non-zero, else a port the OS just handed out on loopback.</summary>
    public static int OrPick(int requested)
    {
        if (requested != 0)
        {
            return requested;
        }

        // The OS does not hand the same ephemeral port out again right away, so the short gap before Orleans binds it is safe in practice.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
