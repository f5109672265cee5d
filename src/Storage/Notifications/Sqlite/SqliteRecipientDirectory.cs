using BillForU.Domain.Customers;
using BillForU.Storage.Notifications.Relational;
using BillForU.Storage.Relational;
using BillForU.Storage.Sqlite;

namespace BillForU.Storage.Notifications.Sqlite;

internal sealed class SqliteRecipientDirectory(SqliteConnectionFactory connections) : IRecipientDirectory
{
    public async Task<IReadOnlyDictionary<long, Recipient>> GetRecipientsAsync(IReadOnlyCollection<long> userIds, CancellationToken cancellationToken)
    {
        var recipients = new Dictionary<long, Recipient>(userIds.Count);
        if (userIds.Count == 0)
        {
            return recipients;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var slice in NotificationRows.Slices(userIds))
        {
            using var select = SqliteConnectionFactory.Command(connection, null, "");
            DenseKeyRange.Prepare(select, KeyListSql.SqliteJsonArray, slice, NotificationSql.RecipientsBetween, NotificationSql.RecipientsOf);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            await NotificationRows.ReadRecipientsAsync(reader, slice, recipients, cancellationToken);
        }
        return recipients;
    }

    public async Task<IReadOnlyList<MessagePolicy>> GetMessagePoliciesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var select = SqliteConnectionFactory.Command(connection, null, $"SELECT {NotificationRows.PolicyColumns} FROM message_policy ORDER BY channel");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, NotificationRows.Policy, cancellationToken);
    }

    public Task SaveMessagePolicyAsync(MessagePolicy policy, CancellationToken cancellationToken) =>
        connections.WriteAsync(async (connection, transaction, ct) =>
        {
            using var upsert = SqliteConnectionFactory.Command(connection, transaction, $"""
                INSERT INTO message_policy ({NotificationRows.PolicyColumns}) VALUES (@channel, @enabled, @start, @end)
                ON CONFLICT (channel) DO UPDATE SET
                    quiet_enabled = excluded.quiet_enabled, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end
                """);
            upsert.Parameters.AddWithValue("@channel", SqlNames.Of(policy.Channel));
            upsert.Parameters.AddWithValue("@enabled", policy.QuietEnabled);
            upsert.Parameters.AddWithValue("@start", SqliteText.Time(policy.QuietWindow.Start));
            upsert.Parameters.AddWithValue("@end", SqliteText.Time(policy.QuietWindow.End));
            return await upsert.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public Task SavePreferenceAsync(NotificationPreference preference, CancellationToken cancellationToken) =>
        connections.WriteAsync(async (connection, transaction, ct) =>
        {
            using var upsert = SqliteConnectionFactory.Command(connection, transaction, $"""
                INSERT INTO notification_prefs ({NotificationRows.PreferenceColumns})
                VALUES (@user, @channel, @enabled, @priority, @quietStart, @quietEnd, @sendDay, @sendTime)
                ON CONFLICT (user_id, channel) DO UPDATE SET
                    enabled = excluded.enabled, priority = excluded.priority, quiet_start = excluded.quiet_start,
                    quiet_end = excluded.quiet_end, send_day = excluded.send_day, send_time = excluded.send_time
                """);
            upsert.Parameters.AddWithValue("@user", preference.UserId);
            upsert.Parameters.AddWithValue("@channel", SqlNames.Of(preference.Channel));
            upsert.Parameters.AddWithValue("@enabled", preference.Enabled);
            upsert.Parameters.AddWithValue("@priority", preference.Priority);
            upsert.Parameters.AddWithValue("@quietStart", SqliteText.Time(preference.QuietWindow?.Start));
            upsert.Parameters.AddWithValue("@quietEnd", SqliteText.Time(preference.QuietWindow?.End));
            upsert.Parameters.AddWithValue("@sendDay", (object?)preference.SendDay ?? DBNull.Value);
            upsert.Parameters.AddWithValue("@sendTime", SqliteText.Time(preference.SendTime));
            return await upsert.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
}
