namespace BillForU.Silo.Jobs;

/// <summary>One look at dispatch: events taken so far, whether work is still moving, and whether it waits for the store.</summary>
public readonly record struct DispatchProbe(long Taken, bool Busy, bool InOutage);
