namespace BillForU.Grains.Interfaces.Settlement;

/// <param name="CommittedUserId">Users up to this id have their bills written.</param>
/// <param name="Failures">Failures of this activation's attempts so far; each restart resumes from the checkpoint.</param>
[GenerateSerializer, Immutable, Alias("BillForU.PartitionProgress")]
public sealed record PartitionProgress(
    PartitionState State,
    long CommittedUserId,
    long BillsWritten,
    long EventsPublished,
    int Failures,
    string? LastError);
