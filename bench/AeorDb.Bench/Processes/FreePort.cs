using System.Net;
using System.Net.Sockets;

namespace AeorDb.Bench.Processes;

/// <summary>Free loopback TCP ports, asked of the kernel; each is distinct within one run.</summary>
internal static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Handed)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }

        throw new BenchException("no free loopback port");
    }
}
