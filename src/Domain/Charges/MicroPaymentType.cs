namespace BillForU.Domain.Charges;

public enum MicroPaymentType
{
    App = 1,
    Content = 2,
    Game = 3,
}
