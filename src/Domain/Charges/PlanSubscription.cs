namespace BillForU.Domain.Charges;

/// <param name="End">Last active day, inclusive; null while open.</param>
/// <param name="Contract">A selective-contract customer, who gets the contract discount on this plan.</param>
public sealed record PlanSubscription(long Id, int PlanId, DateOnly Start, DateOnly? End, SubscriptionStatus Status, bool Contract);
