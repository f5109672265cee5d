using System.Net;
using System.Net.Sockets;

namespace BillForU.Hosting.Configuration;

/// <summary>
/// Turns <see cref="OrleansEndpointOptions.AdvertisedAddress"/> into the IP address a silo advertises. A host name is
/// accepted because a container knows its own service name (<c>silo1</c>) but not the address the network gives it.
/// </summary>
public static class AdvertisedAddressResolver
{
    /// <exception cref="BillForUConfigurationException">The value is neither an IP address nor a name that resolves here.</exception>
    public static IPAddress Resolve(string advertised)
    {
        if (IPAddress.TryParse(advertised, out var literal))
        {
            return literal;
        }
        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(advertised);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            throw Unresolved(advertised, e.Message);
        }
        // Other silos and clients dial this address: prefer IPv4, which every container network has.
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw Unresolved(advertised, "no address");
    }

    private static BillForUConfigurationException Unresolved(string advertised, string reason) => new(
        $"BillForU:Orleans:AdvertisedAddress '{advertised}' is neither an IP address nor a host name that resolves here ({reason}); "
        + "set it (environment: BillForU__Orleans__AdvertisedAddress) to this silo's address or host name, or leave it unset for the host's primary address.");
}
