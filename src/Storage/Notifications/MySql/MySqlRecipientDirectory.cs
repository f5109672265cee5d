using BillForU.Domain.Customers;
using BillForU.Storage.MySql;
using BillForU.Storage.Notifications.Relational;
using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.MySql;

internal sealed class MySqlRecipientDirectory(MySqlConnectionFactory connections) : IRecipientDirectory
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
            using var select = MySqlConnectionFactory.Command(connection, null, "");
            DenseKeyRange.Prepare(select, KeyListSql.ParameterPerKey, slice, NotificationSql.RecipientsBetween, NotificationSql.RecipientsOf);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            await NotificationRows.ReadRecipientsAsync(reader, slice, recipients, cancellationToken);
        }
        return recipients;
    }

    public async Task<IReadOnlyList<MessagePolicy>> GetMessagePoliciesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var select = MySqlConnectionFactory.Command(connection, null, $"SELECT {NotificationRows.PolicyColumns} FROM message_policy ORDER BY channel");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, NotificationRows.Policy, cancellationToken);
    }

    public async Task SaveMessagePolicyAsync(MessagePolicy policy, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var upsert = MySqlConnectionFactory.Command(connection, null, $"""
            INSERT INTO message_policy ({NotificationRows.PolicyColumns}) VALUES (@channel, @enabled, @start, @end)
            ON DUPLICATE KEY UPDATE quiet_enabled = VALUES(quiet_enabled), quiet_start = VALUES(quiet_start), quiet_end = VALUES(quiet_end)
            """);
        upsert.Parameters.AddWithValue("@channel", SqlNames.Of(policy.Channel));
        upsert.Parameters.AddWithValue("@enabled", policy.QuietEnabled);
        upsert.Parameters.AddWithValue("@start", policy.QuietWindow.Start);
        upsert.Parameters.AddWithValue("@end", policy.QuietWindow.End);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SavePreferenceAsync(NotificationPreference preference, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var upsert = MySqlConnectionFactory.Command(connection, null, $"""
            INSERT INTO notification_prefs ({NotificationRows.PreferenceColumns})
            VALUES (@user, @channel, @enabled, @priority, @quietStart, @quietEnd, @sendDay, @sendTime)
            ON DUPLICATE KEY UPDATE
                enabled = VALUES(enabled), priority = VALUES(priority), quiet_start = VALUES(quiet_start),
                quiet_end = VALUES(quiet_end), send_day = VALUES(send_day), send_time = VALUES(send_time)
            """);
        upsert.Parameters.AddWithValue("@user", preference.UserId);
        upsert.Parameters.AddWithValue("@channel", SqlNames.Of(preference.Channel));
        upsert.Parameters.AddWithValue("@enabled", preference.Enabled);
        upsert.Parameters.AddWithValue("@priority", preference.Priority);
        upsert.Parameters.AddWithValue("@quietStart", (object?)preference.QuietWindow?.Start ?? DBNull.Value);
        upsert.Parameters.AddWithValue("@quietEnd", (object?)preference.QuietWindow?.End ?? DBNull.Value);
        upsert.Parameters.AddWithValue("@sendDay", (object?)preference.SendDay ?? DBNull.Value);
        upsert.Parameters.AddWithValue("@sendTime", (object?)preference.SendTime ?? DBNull.Value);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
