using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Grains.Interfaces.Notifications;

/// <summary>One channel's delivery of a notice, as the grain keeps it and as SQL mirrors it.</summary>
[GenerateSerializer, Immutable, Alias("BillForU.DeliverySnapshot")]
public sealed record DeliverySnapshot(
    Channel Channel,
    NotificationStatus Status,
    int Attempts,
    string? LastError,
    DateTime? NextAttemptAt,
    DateTime? SentAt,
    string? ProviderMessageId);
