using BillForU.Domain.Customers;

namespace BillForU.Storage.Notifications;

/// <summary>Who a bill notice goes to: contacts still encrypted, and the user's channel preferences.</summary>
public sealed record Recipient(long UserId, string EmailCipher, string PhoneCipher, IReadOnlyList<NotificationPreference> Preferences);
