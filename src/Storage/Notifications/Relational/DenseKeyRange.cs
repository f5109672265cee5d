namespace BillForU.Storage.Notifications.Relational;

/// <summary>
/// Whether a slice of keys is dense enough to be read as one key range — an index range scan, one probe — instead of a
/// lookup per key, the reader then dropping the rows in between that were not asked for. Bill events arrive in user
/// order (settlement and replay page through users by id), so a batch's users, and its bills (month × 10^10 + user
/// id), are mostly consecutive keys.
/// </summary>
internal static class DenseKeyRange
{
    /// <summary>A range at most this many times longer than the slice is read whole.</summary>
    private const int DenseFactor = 2;

    /// <param name="slice">Distinct keys in ascending order (a <see cref="NotificationRows.Slices"/> slice).</param>
    public static bool Covers(long[] slice) => slice[^1] - slice[0] < (long)DenseFactor * slice.Length;
}
