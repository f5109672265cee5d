namespace BillForU.Grains.Interfaces.Notifications;

[GenerateSerializer, Immutable, Alias("BillForU.NotificationView")]
public sealed record NotificationView(long BillId, long UserId, string BillingMonth, IReadOnlyList<DeliverySnapshot> Deliveries, int CurrentChannel);
