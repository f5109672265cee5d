using BillForU.Grains.Settlement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillForU.Hosting.Extensions;

public static class SettlementServiceCollectionExtensions
{
    /// <summary>The silo-wide parts of settlement: its options (<c>BillForU:Settlement</c>) and metrics.</summary>
    public static IServiceCollection AddSettlement(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SettlementOptions>(configuration.GetSection(SettlementOptions.Section));
        services.AddSingleton<SettlementMetrics>();
        return services;
    }
}
