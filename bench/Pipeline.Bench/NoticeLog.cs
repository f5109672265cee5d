using Microsoft.Data.Sqlite;

namespace BillForU.Pipeline.Bench;

/// <summary>Empties the embedded delivery log, so the bills of a settled month can be notified again from scratch.</summary>
public static class NoticeLog
{
    public static async Task ClearAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var clear = connection.CreateCommand();
        clear.CommandText = "DELETE FROM notification_attempts; DELETE FROM notification_deliveries; DELETE FROM notification_status_counts; DELETE FROM notification_attempts_hourly;";
        await clear.ExecuteNonQueryAsync();
    }
}
