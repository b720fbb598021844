using System.Net;
using System.Net.Sockets;

namespace AeorDb.Tests.TestSupport;

/// <summary>Hands out loopback TCP ports the OS reports free, never the same one twice in this test run.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Issued = [];
    private static readonly Lock Gate = new();

    /// <summary>A port nothing listens on right now. The OS picks it, so parallel tests do not collide.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Issued.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
