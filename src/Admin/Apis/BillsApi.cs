using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;

namespace BillForU.Admin.Apis;

public static class BillsApi
{
    public static RouteGroupBuilder MapBillsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/bills").WithTags("Bills").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/", ListAsync)
            .WithName("ListBills")
            .WithSummary("The month's bills in user order, paged (after = a user id).");
        api.MapGet("/{billId:long}", GetAsync)
            .WithName("GetBill")
            .WithSummary("A bill with its lines, its notice's deliveries and attempts, and the recipient's masked contacts.");
        return api;
    }

    public static async Task<Results<Ok<Page<BillItem>>, ValidationProblem>> ListAsync(
        string? month, [AsParameters] PageQuery page, [AsParameters] BillServices services, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var billingMonth = month is null ? default : errors.Month(month);
        if (month is null)
        {
            errors.Add("month", "month is required (yyyy-MM).");
        }
        page.Validate(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var limit = page.LimitOrDefault;
        var bills = await services.Bills.ListBillsAsync(billingMonth, page.AfterOrStart, limit + 1, cancellationToken);
        return TypedResults.Ok(new Page<BillItem>(bills.Take(limit).Select(BillItem.Of).ToArray(), bills.Count > limit ? bills[limit - 1].UserId : null));
    }

    public static async Task<Results<Ok<BillDetail>, ProblemHttpResult>> GetAsync(
        long billId, [AsParameters] BillServices services, CancellationToken cancellationToken)
    {
        if (await services.Bills.GetBillAsync(billId, cancellationToken) is not { } bill)
        {
            return Problems.NotFound($"Bill {billId} does not exist.");
        }
        var userId = bill.Header.UserId;
        var recipients = await services.Directory.GetRecipientsAsync([userId], cancellationToken);
        var contacts = recipients.TryGetValue(userId, out var recipient)
            ? ContactView.Of(services.Cipher, recipient.EmailCipher, recipient.PhoneCipher)
            : null;
        var deliveries = await services.Deliveries.GetStatesAsync([billId], cancellationToken);
        var attempts = await services.Deliveries.GetAttemptsAsync(billId, cancellationToken);
        return TypedResults.Ok(new BillDetail(
            BillItem.Of(bill.Header), bill.Lines, contacts, deliveries.Select(DeliveryItem.Of).ToArray(), attempts.Select(AttemptItem.Of).ToArray()));
    }
}
