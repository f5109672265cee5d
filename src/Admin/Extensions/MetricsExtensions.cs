using BillForU.Grains.Notifications;
using OpenTelemetry.Metrics;

namespace BillForU.Admin.Extensions;

public static class MetricsExtensions
{
    private const string KafkaMeter = "BillForU.Streaming.Kafka";

    /// <summary>
    /// OpenTelemetry metrics of this process — notices by channel and status, notices in flight, and the Kafka
    /// provider's failovers, dead letters and skipped offsets — for a Prometheus scrape at <c>/metrics</c>.
    /// </summary>
    public static IServiceCollection AddBillForUMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(NotificationMetrics.MeterName, KafkaMeter)
            .AddPrometheusExporter());
        return services;
    }
}
