namespace BillForU.Admin.Contracts;

/// <param name="Skipped">Bills of the batch that were no longer replayable (already sent, or moved on meanwhile).</param>
/// <param name="Next">The <c>after</c> of the next batch; null when this was the last.</param>
public sealed record ReplayBatch(int Replayed, int Skipped, long? Next);
