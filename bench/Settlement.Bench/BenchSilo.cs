using System.Diagnostics;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;
using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.Hosting.Extensions;
using BillForU.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillForU.Settlement.Bench;

/// <summary>A real embedded-mode silo over the given SQL store, as the Silo process builds it.</summary>
public sealed class BenchSilo(IHost host) : IAsyncDisposable
{
    public static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static async Task<BenchSilo> StartAsync(SqlProvider provider, string connectionString, string dataDirectory, IReadOnlyDictionary<string, string?> extra)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BillForU:Mode"] = "Embedded",
            ["BillForU:DataDirectory"] = dataDirectory,
            ["BillForU:Sql:Provider"] = provider.ToString(),
            ["BillForU:Sql:ConnectionString"] = connectionString,
        }.Concat(extra));
        await builder.AddBillForUSiloAsync(CancellationToken.None);
        var host = builder.Build();
        await host.Services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async Task<(long Rows, TimeSpan Elapsed)> SeedAsync(DatasetSpec spec)
    {
        var services = host.Services;
        var generator = new DemoDataGenerator(spec, services.GetRequiredService<ContactCipher>(), services.GetRequiredService<LookupHasher>(), Seoul);
        var stopwatch = Stopwatch.StartNew();
        var rows = await services.GetRequiredService<IDatasetSeeder>().SeedAsync(generator, null, CancellationToken.None);
        return (rows, stopwatch.Elapsed);
    }

    public async Task<(SettlementRunView Run, TimeSpan Elapsed, MonthSummary Summary)> SettleAsync(BillingMonth month)
    {
        var coordinator = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISettlementCoordinatorGrain>(month.ToString());
        var stopwatch = Stopwatch.StartNew();
        await coordinator.StartAsync(new SettlementRequest(Force: true));
        SettlementRunView run;
        do
        {
            await Task.Delay(100);
            run = (await coordinator.GetStatusAsync())!;
        }
        while (run.Status is SettlementRunStatus.Running or SettlementRunStatus.Pending);
        var elapsed = stopwatch.Elapsed;
        var summary = await host.Services.GetRequiredService<IBillRepository>().GetMonthSummaryAsync(month, CancellationToken.None);
        return (run, elapsed, summary);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
