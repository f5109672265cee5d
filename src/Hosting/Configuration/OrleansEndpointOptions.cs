namespace BillForU.Hosting.Configuration;

public sealed class OrleansEndpointOptions
{
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "billforu";

    public string ServiceId { get; set; } = "billforu";

    /// <summary>
    /// The address or host name other silos and clients reach this silo at (cluster mode); a name is resolved once at
    /// start. Null = the host's primary address; set 127.0.0.1 for several silos on one machine, the service name in a container.
    /// </summary>
    public string? AdvertisedAddress { get; set; }
}
