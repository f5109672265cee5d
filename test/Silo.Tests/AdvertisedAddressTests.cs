using System.Net;
using BillForU.Hosting.Configuration;

namespace BillForU.Silo.Tests;

/// <summary>A silo in a container advertises its service name; before, any host name failed start-up with a FormatException.</summary>
public sealed class AdvertisedAddressTests
{
    [Fact]
    public void An_ip_address_is_advertised_as_written()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.3"), AdvertisedAddressResolver.Resolve("10.1.2.3"));
    }

    [Fact]
    public void A_host_name_is_resolved_to_its_ipv4_address()
    {
        Assert.Equal(IPAddress.Loopback, AdvertisedAddressResolver.Resolve("localhost"));
    }
}
