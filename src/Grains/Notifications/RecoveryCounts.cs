namespace BillForU.Grains.Notifications;

/// <summary>What a recovery did: notices resumed from their delivery rows, and settled bills handed over that had none.</summary>
public sealed record RecoveryCounts(int Resumed, int HandedOver)
{
    public int Total => Resumed + HandedOver;
}
