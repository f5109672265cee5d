using System.Data.Common;
using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>
/// Reads a slice of keys as one key range — an index range scan, one probe — when the slice is dense, instead of a
/// lookup per key; the reader then drops the rows in between that were not asked for. Bill events arrive in user
/// order (settlement and replay page through users by id), so a batch's users, and its bills (month × 10^10 + user
/// id), are mostly consecutive keys.
/// </summary>
internal static class DenseKeyRange
{
    /// <summary>A range at most this many times longer than the slice is read whole.</summary>
    private const int DenseFactor = 2;

    /// <summary>Sets the command to <paramref name="rangeSql"/> (@lo to @hi) for a dense slice, else to the key list.</summary>
    /// <param name="slice">Distinct keys in ascending order (a <see cref="NotificationRows.Slices"/> slice).</param>
    /// <param name="listSql">The query of the slice's keys, as <paramref name="keys"/> names that many of them.</param>
    /// <returns>Whether the range was chosen, so the reader must drop rows of keys the slice does not hold.</returns>
    public static bool Prepare(DbCommand command, KeyListSql keys, long[] slice, string rangeSql, Func<KeyListSql, int, string> listSql)
    {
        if (slice[^1] - slice[0] < (long)DenseFactor * slice.Length)
        {
            command.CommandText = rangeSql;
            command.AddParameter("@lo", slice[0]);
            command.AddParameter("@hi", slice[^1]);
            return true;
        }
        command.CommandText = listSql(keys, slice.Length);
        keys.Bind(command, slice);
        return false;
    }
}
