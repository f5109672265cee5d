namespace BillForU.Domain.Customers;

public enum UserStatus
{
    Active = 1,
    Suspended = 2,
    Terminated = 3,
}
