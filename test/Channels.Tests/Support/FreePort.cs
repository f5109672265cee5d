using System.Net;
using System.Net.Sockets;

namespace BillForU.Channels.Tests.Support;

internal static class FreePort
{
    /// <summary>A loopback port nothing listens on (it was free a moment ago): a server that is down.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
