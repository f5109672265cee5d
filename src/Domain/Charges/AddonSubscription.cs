namespace BillForU.Domain.Charges;

/// <param name="End">Last active day, inclusive; null while open.</param>
public sealed record AddonSubscription(long Id, int AddonId, DateOnly Start, DateOnly? End, SubscriptionStatus Status);
