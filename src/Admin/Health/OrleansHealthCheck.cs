using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BillForU.Admin.Health;

/// <summary>The cluster (the in-process silo, or the cluster this client joined) answers with at least one active silo.</summary>
public sealed class OrleansHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
        return hosts.Count > 0
            ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)", new Dictionary<string, object> { ["silos"] = hosts.Count })
            : HealthCheckResult.Unhealthy("No active silo");
    }
}
