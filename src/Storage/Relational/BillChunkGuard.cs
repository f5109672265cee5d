using BillForU.Domain.Billing;

namespace BillForU.Storage.Relational;

/// <summary>
/// A chunk's write deletes by its user range before inserting, so a bill outside that range or of another
/// month would survive a re-run as a duplicate; such a chunk is refused before anything is written. Bills
/// must come in ascending user order, one per user: appends keep the B-trees sequential, and a duplicate
/// would otherwise be dropped silently by LOAD DATA LOCAL (which turns key conflicts into warnings).
/// </summary>
internal static class BillChunkGuard
{
    public static BillIdRange Validate(BillChunk chunk)
    {
        if (chunk.LastUserId < chunk.AfterUserId)
        {
            throw new ArgumentException($"Chunk of partition {chunk.Partition} ends ({chunk.LastUserId}) before it starts ({chunk.AfterUserId}).", nameof(chunk));
        }
        var previousUser = chunk.AfterUserId;
        foreach (var bill in chunk.Bills)
        {
            if (bill.UserId <= previousUser && bill.UserId > chunk.AfterUserId)
            {
                throw new ArgumentException($"Bill {bill.BillId} of user {bill.UserId} is not after user {previousUser}: bills must be in ascending user order, one per user.", nameof(chunk));
            }
            previousUser = bill.UserId;
            if (bill.Month != chunk.Month || bill.UserId <= chunk.AfterUserId || bill.UserId > chunk.LastUserId || bill.BillId != BillId.For(bill.Month, bill.UserId))
            {
                throw new ArgumentException(
                    $"Bill {bill.BillId} (user {bill.UserId}, {bill.Month}) lies outside the chunk {chunk.Month} users ({chunk.AfterUserId}, {chunk.LastUserId}].",
                    nameof(chunk));
            }
        }
        return BillIdRange.ForUsers(chunk.Month, chunk.AfterUserId, chunk.LastUserId);
    }
}
