using BillForU.Storage;
using BillForU.Storage.Outages;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BillForU.Admin.Health;

/// <summary>
/// The SQL store answers a one-row read (the dataset info). While work is waiting out an outage (or the read itself
/// meets one) the store is Degraded, not Unhealthy: the process stays up and carries on once the store is back.
/// </summary>
public sealed class SqlStoreHealthCheck(IDatasetSeeder seeder, SqlStoreOptions store, StorageOutage outage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (outage.IsOn)
        {
            return Degraded(outage.Reason, outage.Elapsed);
        }
        DatasetInfo? dataset;
        try
        {
            dataset = await seeder.GetDatasetInfoAsync(cancellationToken);
        }
        catch (Exception e) when (StorageFaults.IsOutage(e) && !cancellationToken.IsCancellationRequested)
        {
            return Degraded(StorageFaults.Describe(e), TimeSpan.Zero);
        }
        // Any other failing read throws; the health check service reports the exception as Unhealthy.
        return HealthCheckResult.Healthy($"{store.Provider} store reachable", new Dictionary<string, object>
        {
            ["provider"] = store.Provider.ToString(),
            ["datasetUsers"] = dataset?.Users ?? 0,
        });

        HealthCheckResult Degraded(string? reason, TimeSpan lasted) => HealthCheckResult.Degraded(
            // The description goes to the anonymous /health; the reason (which may name a server) stays in the data.
            $"{store.Provider} store outage for {lasted.TotalSeconds:N0} s: work is waiting and retrying",
            data: new Dictionary<string, object> { ["provider"] = store.Provider.ToString(), ["reason"] = reason ?? "unknown" });
    }
}
