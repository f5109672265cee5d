using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Apis;

public static class QueueApi
{
    public static RouteGroupBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/queue").WithTags("Queue").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/detail", GetDetailAsync)
            .WithName("GetQueueDetail")
            .WithSummary("Notices still waiting (pending, deferred by quiet hours, scheduled, sending, waiting for a retry), paged.");
        return api;
    }

    public static async Task<Results<Ok<Page<DeliveryItem>>, ValidationProblem>> GetDetailAsync(
        [AsParameters] PageQuery page, IDeliveryStore deliveries, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        page.Validate(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return TypedResults.Ok(await DeliveryPages.ReadAsync(page, cancellationToken, deliveries.ListUnfinishedAsync));
    }
}
