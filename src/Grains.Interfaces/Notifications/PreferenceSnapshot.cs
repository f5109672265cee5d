using BillForU.Domain.Customers;

namespace BillForU.Grains.Interfaces.Notifications;

[GenerateSerializer, Immutable, Alias("BillForU.PreferenceSnapshot")]
public sealed record PreferenceSnapshot(
    Channel Channel, bool Enabled, int Priority, TimeOnly? QuietStart, TimeOnly? QuietEnd, int? SendDay, TimeOnly? SendTime);
