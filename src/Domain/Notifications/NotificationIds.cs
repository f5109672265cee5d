using BillForU.Domain.Customers;

namespace BillForU.Domain.Notifications;

/// <summary>
/// The idempotency key of one bill's notice on one channel: the same for every attempt and every resend,
/// so a provider (or the SMTP capture) can recognise a duplicate.
/// </summary>
public static class NotificationIds
{
    public static string For(long billId, Channel channel) => $"{billId}-{channel.ToString().ToLowerInvariant()}";
}
