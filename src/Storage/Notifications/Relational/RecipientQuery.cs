using System.Data.Common;
using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>
/// Selects one slice of users and their preferences. Bill events arrive in user order (settlement and replay page
/// through users by id), so a batch's users are mostly consecutive ids: a dense slice is read as one key range — an
/// index range scan — instead of a lookup per key, and <see cref="NotificationRows.ReadRecipientsAsync"/> drops the
/// users in the range that were not asked for.
/// </summary>
internal static class RecipientQuery
{
    /// <summary>A range at most this many times longer than the slice is read whole.</summary>
    private const int DenseFactor = 2;

    /// <param name="slice">Distinct user ids in ascending order (a <see cref="NotificationRows.Slices"/> slice).</param>
    public static void Prepare(DbCommand command, KeyListSql keys, long[] slice)
    {
        if (slice[^1] - slice[0] < (long)DenseFactor * slice.Length)
        {
            command.CommandText = NotificationSql.RecipientsBetween;
            command.AddParameter("@lo", slice[0]);
            command.AddParameter("@hi", slice[^1]);
            return;
        }
        command.CommandText = NotificationSql.RecipientsOf(keys, slice.Length);
        keys.Bind(command, slice);
    }
}
