namespace BillForU.Domain.Customers;

public enum Channel
{
    Email = 1,
    Sms = 2,
    Push = 3,
}
