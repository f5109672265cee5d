namespace BillForU.Grains.Interfaces.Settlement;

[GenerateSerializer, Immutable, Alias("BillForU.StartSettlementResult")]
public sealed record StartSettlementResult(StartOutcome Outcome, SettlementRunView Run);
