using BillForU.Admin.Metrics;
using BillForU.Grains.Notifications;
using BillForU.Grains.Settlement;
using OpenTelemetry.Metrics;

namespace BillForU.Admin.Extensions;

public static class MetricsExtensions
{
    private const string KafkaMeter = "BillForU.Streaming.Kafka";

    /// <summary>
    /// OpenTelemetry metrics for a Prometheus scrape at <c>/metrics</c>: what this process's grains did — notices by
    /// channel and status, notices in flight, bills settled, settlement runs and their durations, the Kafka provider's
    /// failovers, dead letters and skipped offsets — and the size of the dead-letter queue, read from the store.
    /// </summary>
    public static IServiceCollection AddBillForUMetrics(this IServiceCollection services)
    {
        services.AddSingleton<DeadLetterGauge>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(NotificationMetrics.MeterName, SettlementMetrics.MeterName, KafkaMeter, DeadLetterGauge.MeterName)
            // Creates the gauge with the meter provider, so it is there from the first scrape.
            .AddInstrumentation(sp => sp.GetRequiredService<DeadLetterGauge>())
            .AddPrometheusExporter());
        return services;
    }
}
