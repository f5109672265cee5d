namespace BillForU.Silo.Cli;

/// <summary>Process exit codes, so scripts can tell a bad argument from an unreachable database, Redis or Kafka.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The settlement run failed, or `reconcile` found bills without a notice record.</summary>
    public const int RunFailed = 1;
    public const int BadInput = 2;
    /// <summary>The database, or in cluster mode Redis or the Kafka brokers, did not answer.</summary>
    public const int StorageUnavailable = 3;
    public const int BadConfiguration = 4;
}
