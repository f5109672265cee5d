namespace BillForU.Admin.Apis;

/// <param name="Force">Settle again from scratch even when the month is already settled.</param>
/// <param name="Partitions">Partitions to split the month into; absent = the configured default.</param>
/// <param name="ChunkSize">Users per chunk; absent = the configured default.</param>
public sealed record StartQuery(bool? Force, int? Partitions, int? ChunkSize);
