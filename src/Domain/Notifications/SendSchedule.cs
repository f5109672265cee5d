using BillForU.Domain.Billing;

namespace BillForU.Domain.Notifications;

/// <summary>A user's preferred send day and time: the notice waits for that instant in the month after the billing month.</summary>
public static class SendSchedule
{
    /// <returns>The UTC instant to send at, or null to send now (no preference, or the instant has passed).</returns>
    public static DateTimeOffset? PreferredInstant(BillingMonth month, int? sendDay, TimeOnly? sendTime, DateTimeOffset nowUtc, TimeZoneInfo zone)
    {
        if (sendDay is not { } day || day is < 1 or > 28)
        {
            return null;
        }
        var local = month.Next.FirstDay.AddDays(day - 1).ToDateTime(sendTime ?? new TimeOnly(9, 0), DateTimeKind.Unspecified);
        var instant = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return instant > nowUtc ? instant : null;
    }
}
