using BillForU.Domain.Billing;

namespace BillForU.Admin.Contracts;

/// <param name="Contacts">The recipient's contacts, masked; null when the user no longer exists.</param>
public sealed record BillDetail(
    BillItem Bill, IReadOnlyList<BillLine> Lines, ContactView? Contacts, IReadOnlyList<DeliveryItem> Deliveries, IReadOnlyList<AttemptItem> Attempts);
