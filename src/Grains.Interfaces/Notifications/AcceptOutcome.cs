namespace BillForU.Grains.Interfaces.Notifications;

public enum AcceptOutcome
{
    Accepted = 1,
    Duplicate = 2,
    Recovered = 3,
}
