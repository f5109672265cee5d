namespace BillForU.Hosting.Configuration;

public sealed class OrleansEndpointOptions
{
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "billforu";

    public string ServiceId { get; set; } = "billforu";
}
