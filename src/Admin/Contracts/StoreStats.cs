namespace BillForU.Admin.Contracts;

/// <param name="GrainStore">Where grain state and reminders are kept.</param>
/// <param name="Activations">Live grain activations by grain class, summed over the silos.</param>
/// <param name="Notices">This process's notification counters since it started; null when the API is a client of a cluster.</param>
public sealed record StoreStats(string Mode, string GrainStore, string SqlStore, IReadOnlyDictionary<string, long> Activations, NoticeCounters? Notices);
