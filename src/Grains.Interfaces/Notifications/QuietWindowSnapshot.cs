namespace BillForU.Grains.Interfaces.Notifications;

[GenerateSerializer, Immutable, Alias("BillForU.QuietWindowSnapshot")]
public sealed record QuietWindowSnapshot(TimeOnly Start, TimeOnly End);
