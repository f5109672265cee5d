using System.Data.Common;
using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>
/// Selects one slice of users and their preferences: a dense slice as one key range (<see cref="DenseKeyRange"/>), and
/// <see cref="NotificationRows.ReadRecipientsAsync"/> drops the users in the range that were not asked for.
/// </summary>
internal static class RecipientQuery
{
    /// <param name="slice">Distinct user ids in ascending order (a <see cref="NotificationRows.Slices"/> slice).</param>
    public static void Prepare(DbCommand command, KeyListSql keys, long[] slice)
    {
        if (DenseKeyRange.Covers(slice))
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
