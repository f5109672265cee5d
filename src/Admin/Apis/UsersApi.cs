using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;
using BillForU.Domain.Security;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Apis;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/{userId:long}", GetAsync)
            .WithName("GetUser")
            .WithSummary("A user's masked contacts and channel preferences.");
        api.MapGet("/{userId:long}/preferences/{channel}", GetPreferenceAsync)
            .WithName("GetPreference")
            .WithSummary("The user's preference for one channel (email, sms, push).");
        api.MapPut("/{userId:long}/preferences/{channel}", PutPreferenceAsync)
            .WithName("PutPreference")
            .WithSummary("Sets the user's preference for one channel: enabled, priority, quiet window, send day and time. Applies to notices of later settlements.")
            .RequireAuthorization(AdminRoles.OperatePolicy);
        return api;
    }

    public static async Task<Results<Ok<UserDetail>, ProblemHttpResult>> GetAsync(
        long userId, IRecipientDirectory directory, ContactCipher cipher, CancellationToken cancellationToken)
    {
        if (await FindAsync(directory, userId, cancellationToken) is not { } recipient)
        {
            return Problems.NotFound($"User {userId} does not exist.");
        }
        return TypedResults.Ok(new UserDetail(
            userId,
            ContactView.Of(cipher, recipient.EmailCipher, recipient.PhoneCipher),
            recipient.Preferences.ToDictionary(p => p.Channel, PreferenceItem.Of)));
    }

    public static async Task<Results<Ok<PreferenceItem>, ValidationProblem, ProblemHttpResult>> GetPreferenceAsync(
        long userId, string channel, IRecipientDirectory directory, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var parsed = errors.Channel(channel);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await FindAsync(directory, userId, cancellationToken) is not { } recipient)
        {
            return Problems.NotFound($"User {userId} does not exist.");
        }
        return recipient.Preferences.FirstOrDefault(p => p.Channel == parsed) is { } preference
            ? TypedResults.Ok(PreferenceItem.Of(preference))
            : Problems.NotFound($"User {userId} has no {channel.ToLowerInvariant()} preference; the defaults apply.");
    }

    public static async Task<Results<Ok<PreferenceItem>, ValidationProblem, ProblemHttpResult>> PutPreferenceAsync(
        long userId, string channel, PreferenceItem body, IRecipientDirectory directory, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var parsed = errors.Channel(channel);
        body.Validate(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await FindAsync(directory, userId, cancellationToken) is null)
        {
            return Problems.NotFound($"User {userId} does not exist.");
        }
        await directory.SavePreferenceAsync(body.ToPreference(userId, parsed), cancellationToken);
        return TypedResults.Ok(body);
    }

    private static async Task<Recipient?> FindAsync(IRecipientDirectory directory, long userId, CancellationToken cancellationToken) =>
        (await directory.GetRecipientsAsync([userId], cancellationToken)).TryGetValue(userId, out var recipient) ? recipient : null;
}
