using BillForU.Grains.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillForU.Hosting.Extensions;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>The silo-wide parts of the notification pipeline: options, metrics, send deadlines and the batched delivery log.</summary>
    public static IServiceCollection AddNotificationPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<SendDeadlines>();
        services.AddSingleton<NoticeSender>();
        services.AddSingleton<DeliveryLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryLogWriter>());
        services.AddSingleton<NoticeHandOver>();
        services.AddSingleton<NotificationRecovery>();
        return services;
    }
}
