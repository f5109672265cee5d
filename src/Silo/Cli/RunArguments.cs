using BillForU.Domain.Billing;

namespace BillForU.Silo.Cli;

/// <summary>What the main job was asked to do, validated.</summary>
public sealed record RunArguments(
    BillingMonth? Month,
    int Users,
    long Seed,
    bool Force,
    bool Reset,
    int? Partitions,
    int? ChunkSize,
    IReadOnlyDictionary<string, string?> Settings);
