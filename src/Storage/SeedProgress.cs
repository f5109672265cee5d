namespace BillForU.Storage;

public sealed record SeedProgress(int UsersDone, int UsersTotal, long RowsWritten, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsWritten / Elapsed.TotalSeconds : 0;
}
