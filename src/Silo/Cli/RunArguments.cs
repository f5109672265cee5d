using BillForU.Domain.Billing;

namespace BillForU.Silo.Cli;

/// <summary>What the main job was asked to do, validated.</summary>
/// <param name="Exit">Exit after the summary instead of serving the admin API and dashboards.</param>
public sealed record RunArguments(
    BillingMonth? Month,
    int Users,
    long Seed,
    bool Force,
    bool Reset,
    int? Partitions,
    int? ChunkSize,
    bool Exit,
    IReadOnlyDictionary<string, string?> Settings);
