using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Storage.Notifications;

public sealed record StatusCount(Channel Channel, NotificationStatus Status, long Count);
