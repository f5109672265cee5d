using BillForU.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BillForU.Admin.Health;

/// <summary>The SQL store answers a one-row read (the dataset info).</summary>
public sealed class SqlStoreHealthCheck(IDatasetSeeder seeder, SqlStoreOptions store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A failing read throws; the health check service reports the exception as Unhealthy.
        var dataset = await seeder.GetDatasetInfoAsync(cancellationToken);
        return HealthCheckResult.Healthy($"{store.Provider} store reachable", new Dictionary<string, object>
        {
            ["provider"] = store.Provider.ToString(),
            ["datasetUsers"] = dataset?.Users ?? 0,
        });
    }
}
