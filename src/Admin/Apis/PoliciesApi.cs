using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;
using BillForU.Domain.Customers;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Apis;

public static class PoliciesApi
{
    public static RouteGroupBuilder MapPoliciesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policies").WithTags("Policies").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/", ListAsync)
            .WithName("ListPolicies")
            .WithSummary("The system quiet window of every channel.");
        api.MapGet("/{channel}", GetAsync)
            .WithName("GetPolicy")
            .WithSummary("A channel's system quiet window, applied to users without their own.");
        api.MapPut("/{channel}", PutAsync)
            .WithName("PutPolicy")
            .WithSummary("Sets a channel's system quiet window. Applies to notices of later settlements.")
            .RequireAuthorization(AdminRoles.OperatePolicy);
        return api;
    }

    public static async Task<Ok<IReadOnlyDictionary<Channel, PolicyItem>>> ListAsync(IRecipientDirectory directory, CancellationToken cancellationToken)
    {
        var policies = await directory.GetMessagePoliciesAsync(cancellationToken);
        IReadOnlyDictionary<Channel, PolicyItem> byChannel = policies.ToDictionary(p => p.Channel, PolicyItem.Of);
        return TypedResults.Ok(byChannel);
    }

    public static async Task<Results<Ok<PolicyItem>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string channel, IRecipientDirectory directory, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var parsed = errors.Channel(channel);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        // A policy per channel at most: the whole list is three rows.
        var policies = await directory.GetMessagePoliciesAsync(cancellationToken);
        return policies.FirstOrDefault(p => p.Channel == parsed) is { } policy
            ? TypedResults.Ok(PolicyItem.Of(policy))
            : Problems.NotFound($"The {channel.ToLowerInvariant()} channel has no system quiet window.");
    }

    public static async Task<Results<Ok<PolicyItem>, ValidationProblem>> PutAsync(
        string channel, PolicyItem body, IRecipientDirectory directory, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var parsed = errors.Channel(channel);
        body.Validate(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        await directory.SaveMessagePolicyAsync(body.ToPolicy(parsed), cancellationToken);
        return TypedResults.Ok(body);
    }
}
