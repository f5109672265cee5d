using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;
using BillForU.Domain.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Apis;

public static class ChartsApi
{
    private const int Hours = 24;

    public static RouteGroupBuilder MapChartsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/charts").WithTags("Charts").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/hourly", GetHourlyAsync)
            .WithName("GetHourlyChart")
            .WithSummary("24 points, one per UTC hour up to the current one: attempts sent, failed, retried and deferred.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<HourlyPoint>>> GetHourlyAsync(IDeliveryStore deliveries, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var currentHour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var from = currentHour.AddHours(1 - Hours);
        var counts = await deliveries.CountAttemptsPerHourAsync(from, currentHour.AddHours(1), cancellationToken);
        var byHour = counts.ToLookup(c => DateTime.SpecifyKind(c.Hour, DateTimeKind.Utc));
        IReadOnlyList<HourlyPoint> points = Enumerable.Range(0, Hours).Select(i =>
        {
            var hour = from.AddHours(i);
            var row = byHour[hour].ToArray();
            long Sum(params NotificationStatus[] statuses) => row.Where(r => statuses.Contains(r.Status)).Sum(r => r.Count);
            return new HourlyPoint(hour,
                Sum(NotificationStatus.Sent),
                Sum(NotificationStatus.Failed, NotificationStatus.DeadLettered),
                Sum(NotificationStatus.RetryWait),
                Sum(NotificationStatus.Deferred));
        }).ToArray();
        return TypedResults.Ok(points);
    }
}
