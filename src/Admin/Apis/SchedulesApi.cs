using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;
using BillForU.Admin.Notifications;
using BillForU.Domain.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Apis;

public static class SchedulesApi
{
    /// <summary>A reschedule further out than this is almost certainly a typo in the year.</summary>
    private static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    public static RouteGroupBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/schedules").WithTags("Schedules").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/", ListAsync)
            .WithName("ListSchedules")
            .WithSummary("Notices scheduled for a later send, by bill id, paged.");
        api.MapPut("/{billId:long}", RescheduleAsync)
            .WithName("RescheduleNotice")
            .WithSummary("Moves a scheduled (or not yet sent) notice to another instant.")
            .RequireAuthorization(AdminRoles.OperatePolicy);
        api.MapDelete("/{billId:long}", CancelAsync)
            .WithName("CancelScheduledNotice")
            .WithSummary("Cancels a scheduled notice; it is not sent unless rescheduled.")
            .RequireAuthorization(AdminRoles.OperatePolicy);
        return api;
    }

    public static Task<Results<Ok<Page<DeliveryItem>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery page, IDeliveryStore deliveries, CancellationToken cancellationToken) =>
        DeliveryPages.ListAsync(page, cancellationToken, DeliveryPages.InStatus(deliveries, NotificationStatus.Scheduled));

    public static async Task<Results<Accepted<NoticeActionResult>, ValidationProblem, ProblemHttpResult>> RescheduleAsync(
        long billId, RescheduleBody body, NoticeCommands commands, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var now = time.GetUtcNow().UtcDateTime;
        var at = body.AtUtc.UtcDateTime;
        if (at <= now || at > now + MaxAhead)
        {
            errors.Add("atUtc", $"atUtc must be in the future and at most {MaxAhead.TotalDays:N0} days ahead.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var outcome = await commands.RescheduleAsync(billId, at, cancellationToken);
        return outcome == NoticeOutcome.Done
            ? NoticeResults.Accepted(billId, "reschedule")
            : NoticeResults.Problem(billId, "reschedule", outcome);
    }

    public static async Task<Results<Accepted<NoticeActionResult>, ProblemHttpResult>> CancelAsync(
        long billId, NoticeCommands commands, CancellationToken cancellationToken) =>
        NoticeResults.Of(billId, "cancel", await commands.CancelAsync(billId, cancellationToken));
}
