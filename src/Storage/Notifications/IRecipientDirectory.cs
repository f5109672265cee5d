using BillForU.Domain.Customers;

namespace BillForU.Storage.Notifications;

/// <summary>Recipients and message policies, read in bulk: one query per batch of bills, never per bill.</summary>
public interface IRecipientDirectory
{
    /// <returns>The recipients found; users that do not exist are absent.</returns>
    Task<IReadOnlyDictionary<long, Recipient>> GetRecipientsAsync(IReadOnlyCollection<long> userIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<MessagePolicy>> GetMessagePoliciesAsync(CancellationToken cancellationToken);

    Task SaveMessagePolicyAsync(MessagePolicy policy, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the user's preference for that channel.</summary>
    Task SavePreferenceAsync(NotificationPreference preference, CancellationToken cancellationToken);
}
