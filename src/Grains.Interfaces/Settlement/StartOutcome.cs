namespace BillForU.Grains.Interfaces.Settlement;

public enum StartOutcome
{
    Started = 1,
    Resumed = 2,
    AlreadyRunning = 3,
    AlreadySettled = 4,
}
