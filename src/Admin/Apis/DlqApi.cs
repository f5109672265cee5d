using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;
using BillForU.Admin.Notifications;
using BillForU.Domain.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Apis;

public static class DlqApi
{
    public static RouteGroupBuilder MapDlqApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dlq").WithTags("Dead letters").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/", ListAsync)
            .WithName("ListDeadLetters")
            .WithSummary("Notices that failed on every channel, by bill id, paged.");
        api.MapPost("/{billId:long}/replay", ReplayAsync)
            .WithName("ReplayDeadLetter")
            .WithSummary("Sends a dead-lettered notice again from its primary channel.")
            .RequireAuthorization(AdminRoles.OperatePolicy);
        api.MapPost("/replay-all", ReplayAllAsync)
            .WithName("ReplayAllDeadLetters")
            .WithSummary("Replays one bounded batch of dead letters (after, limit); call again with next until it is null.")
            .RequireAuthorization(AdminRoles.OperatePolicy);
        return api;
    }

    public static Task<Results<Ok<Page<DeliveryItem>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery page, IDeliveryStore deliveries, CancellationToken cancellationToken) =>
        DeliveryPages.ListAsync(page, cancellationToken, DeliveryPages.InStatus(deliveries, NotificationStatus.DeadLettered));

    public static async Task<Results<Accepted<NoticeActionResult>, ProblemHttpResult>> ReplayAsync(
        long billId, NoticeCommands commands, CancellationToken cancellationToken) =>
        NoticeResults.Of(billId, "replay", await commands.RetryAsync(billId, cancellationToken));

    public static async Task<Results<Ok<ReplayBatch>, ValidationProblem>> ReplayAllAsync(
        [AsParameters] PageQuery page, IDeliveryStore deliveries, NoticeCommands commands, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        page.Validate(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var batch = await DeliveryPages.ReadAsync(page, cancellationToken, DeliveryPages.InStatus(deliveries, NotificationStatus.DeadLettered));
        var replayed = 0;
        var skipped = 0;
        foreach (var billId in batch.Items.Select(i => i.BillId).Distinct())
        {
            if (await commands.RetryAsync(billId, cancellationToken) == NoticeOutcome.Done)
            {
                replayed++;
            }
            else
            {
                skipped++;
            }
        }
        return TypedResults.Ok(new ReplayBatch(replayed, skipped, batch.Next));
    }
}
