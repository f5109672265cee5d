using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;
using BillForU.Admin.Notifications;
using BillForU.Domain.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Apis;

public static class RetryApi
{
    public static RouteGroupBuilder MapRetryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/retry").WithTags("Retry").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/failed-list", GetFailedListAsync)
            .WithName("GetFailedList")
            .WithSummary("Failed and dead-lettered deliveries, by bill id, paged.");
        api.MapGet("/status-summary", GetStatusSummaryAsync)
            .WithName("GetStatusSummary")
            .WithSummary("Deliveries counted by channel and status (indexed counts).");
        api.MapPost("/process/{billId:long}", ProcessAsync)
            .WithName("RetryNotice")
            .WithSummary("Retries a failed or dead-lettered notice from its primary channel.")
            .RequireAuthorization(AdminRoles.OperatePolicy);
        return api;
    }

    public static Task<Results<Ok<Page<DeliveryItem>>, ValidationProblem>> GetFailedListAsync(
        [AsParameters] PageQuery page, IDeliveryStore deliveries, CancellationToken cancellationToken) =>
        DeliveryPages.ListAsync(page, cancellationToken,
            DeliveryPages.InStatus(deliveries, NotificationStatus.Failed), DeliveryPages.InStatus(deliveries, NotificationStatus.DeadLettered));

    public static async Task<Ok<StatusSummary>> GetStatusSummaryAsync(IDeliveryStore deliveries, CancellationToken cancellationToken)
    {
        var counts = await deliveries.CountByStatusAsync(cancellationToken);
        return TypedResults.Ok(new StatusSummary(
            counts.OrderBy(c => c.Channel).ThenBy(c => c.Status).ToArray(),
            counts.GroupBy(c => c.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Count))));
    }

    public static async Task<Results<Accepted<NoticeActionResult>, ProblemHttpResult>> ProcessAsync(
        long billId, NoticeCommands commands, CancellationToken cancellationToken) =>
        NoticeResults.Of(billId, "retry", await commands.RetryAsync(billId, cancellationToken));
}
