namespace BillForU.Domain.Charges;

public enum SubscriptionStatus
{
    Active = 1,
    Cancelled = 2,
}
