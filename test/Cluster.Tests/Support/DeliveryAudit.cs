using BillForU.Domain.Billing;
using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.TestSupport;

namespace BillForU.Cluster.Tests.Support;

/// <summary>
/// What the providers received: every captured email grouped by recipient (one user = one bill of the month) and every
/// SMS/push request grouped by its idempotency key. A bill must never receive two different messages; the same message
/// (same Message-ID / key, same content) arriving twice is a resend, counted and reported.
/// </summary>
internal sealed class DeliveryAudit
{
    private DeliveryAudit() { }

    public int Emails { get; private init; }
    public int DistinctEmails { get; private init; }
    public int HttpRequests { get; private init; }
    public int DistinctHttpNotices { get; private init; }
    public IReadOnlySet<string> EmailNotificationIds { get; private init; } = new HashSet<string>();
    public IReadOnlySet<string> HttpNotificationIds { get; private init; } = new HashSet<string>();

    /// <summary>Bills that received two different messages (a different Message-ID, recipient or content for one notice).</summary>
    public IReadOnlyList<string> Conflicts { get; private init; } = [];

    public int EmailResends => Emails - DistinctEmails;

    public int HttpResends => HttpRequests - DistinctHttpNotices;

    public static DeliveryAudit Of(BillingMonth month, IReadOnlyCollection<CapturedEmail> emails, IEnumerable<HttpProviderFake.Request> sms, IEnumerable<HttpProviderFake.Request> push)
    {
        var conflicts = new List<string>();
        foreach (var byRecipient in emails.GroupBy(e => e.To, StringComparer.OrdinalIgnoreCase))
        {
            var ids = byRecipient.Select(e => e.MessageId).Distinct().ToList();
            var subjects = byRecipient.Select(e => e.Subject).Distinct().ToList();
            if (ids.Count != 1 || subjects.Count != 1)
            {
                conflicts.Add($"{byRecipient.Key}: {ids.Count} Message-IDs ({string.Join(", ", ids)}), {subjects.Count} subjects");
                continue;
            }
            // The recipient's bill is the one the Message-ID names: user{id}@billforu.test ↔ <{billId}-email@billforu>.
            var expected = NotificationIds.For(BillId.For(month, UserIdOf(byRecipient.Key)), Channel.Email);
            if (ids[0] != $"{expected}@billforu")
            {
                conflicts.Add($"{byRecipient.Key}: Message-ID {ids[0]}, expected {expected}@billforu");
            }
        }
        var delivered = sms.Concat(push).Where(r => r.Status == 200).ToList();
        foreach (var byKey in delivered.GroupBy(r => r.IdempotencyKey ?? string.Empty))
        {
            if (byKey.Key.Length == 0 || byKey.Select(r => r.Body).Distinct().Count() != 1)
            {
                conflicts.Add($"idempotency key '{byKey.Key}': {byKey.Select(r => r.Body).Distinct().Count()} different bodies");
            }
        }
        return new DeliveryAudit
        {
            Emails = emails.Count,
            DistinctEmails = emails.Select(e => e.MessageId).Distinct().Count(),
            HttpRequests = delivered.Count,
            DistinctHttpNotices = delivered.Select(r => r.IdempotencyKey).Distinct().Count(),
            EmailNotificationIds = emails.Select(e => e.MessageId.Replace("@billforu", string.Empty, StringComparison.Ordinal)).ToHashSet(),
            HttpNotificationIds = delivered.Select(r => r.IdempotencyKey ?? string.Empty).ToHashSet(),
            Conflicts = conflicts,
        };
    }

    public string Describe() =>
        $"emails captured {Emails:N0} ({DistinctEmails:N0} distinct notices, {EmailResends:N0} resends); "
        + $"SMS/push delivered {HttpRequests:N0} ({DistinctHttpNotices:N0} distinct notices, {HttpResends:N0} resends); "
        + $"bills with two different messages: {Conflicts.Count}";

    private static long UserIdOf(string address)
    {
        var local = address.Trim('<', '>');
        local = local[(local.IndexOf("user", StringComparison.Ordinal) + 4)..local.IndexOf('@', StringComparison.Ordinal)];
        return long.Parse(local, System.Globalization.CultureInfo.InvariantCulture);
    }
}
