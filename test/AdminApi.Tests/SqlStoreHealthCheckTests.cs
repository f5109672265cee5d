using BillForU.Admin.Health;
using BillForU.Domain.Generation;
using BillForU.Storage;
using BillForU.Storage.Outages;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillForU.AdminApi.Tests;

/// <summary>Before: a store outage made /health DOWN (503), as if the process were broken rather than waiting.</summary>
public sealed class SqlStoreHealthCheckTests
{
    private static readonly SqlStoreOptions Store = new() { Provider = SqlProvider.MySql, ConnectionString = "Server=db;Database=billforu" };

    [Fact]
    public async Task While_an_outage_is_on_the_store_is_degraded_with_the_reason_kept_out_of_the_description()
    {
        var outage = new StorageOutage(TimeProvider.System, NullLogger<StorageOutage>.Instance);
        outage.ReportFailure(new object(), new StorageUnavailableException("Cannot reach MySQL at db:3306"));

        var result = await new SqlStoreHealthCheck(new Seeder(() => throw new InvalidOperationException("not asked")), Store, outage)
            .CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.DoesNotContain("db:3306", result.Description);
        Assert.Contains("db:3306", (string)result.Data["reason"]);
    }

    [Fact]
    public async Task A_read_meeting_an_unreachable_store_is_degraded_not_unhealthy()
    {
        var outage = new StorageOutage(TimeProvider.System, NullLogger<StorageOutage>.Instance);

        var result = await new SqlStoreHealthCheck(new Seeder(() => throw new StorageUnavailableException("Cannot reach MySQL at db:3306")), Store, outage)
            .CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    [Fact]
    public async Task A_reachable_store_is_healthy()
    {
        var outage = new StorageOutage(TimeProvider.System, NullLogger<StorageOutage>.Instance);

        var result = await new SqlStoreHealthCheck(new Seeder(() => null), Store, outage).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    private sealed class Seeder(Func<DatasetInfo?> read) : IDatasetSeeder
    {
        public Task<DatasetInfo?> GetDatasetInfoAsync(CancellationToken cancellationToken) => Task.FromResult(read());

        public Task<long> SeedAsync(DemoDataGenerator generator, IProgress<SeedProgress>? progress, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> HasCatalogAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ClearAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
