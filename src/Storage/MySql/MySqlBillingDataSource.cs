using BillForU.Domain.Billing;
using BillForU.Domain.Charges;
using BillForU.Storage.Relational;

namespace BillForU.Storage.MySql;

internal sealed class MySqlBillingDataSource(MySqlConnectionFactory connections) : IBillingDataSource
{
    // One round trip, five result sets in user order (see ChargesChunkReader); each is a clustered range
    // scan of a table keyed (user_id, id), so ORDER BY costs no sort. Plans, add-ons and installments that
    // cannot touch the month stay on the server.
    private const string ChunkSql = """
        SELECT id FROM users WHERE id > @after AND id <= @upper ORDER BY id;
        SELECT user_id, id, plan_id, start_date, end_date, status, contract FROM user_plans
         WHERE user_id > @after AND user_id <= @upper AND start_date <= @monthLast AND (end_date IS NULL OR end_date >= @monthFirst)
         ORDER BY user_id, id;
        SELECT user_id, id, addon_id, start_date, end_date, status FROM user_addons
         WHERE user_id > @after AND user_id <= @upper AND start_date <= @monthLast AND (end_date IS NULL OR end_date >= @monthFirst)
         ORDER BY user_id, id;
        SELECT user_id, id, device, monthly_amount, first_month, months_total FROM device_installments
         WHERE user_id > @after AND user_id <= @upper AND first_month <= @monthKey
           AND (first_month DIV 100) * 12 + first_month MOD 100 + months_total > @monthIndex
         ORDER BY user_id, id;
        SELECT user_id, id, amount, merchant, payment_type, paid_at FROM micro_payments
         WHERE user_id > @after AND user_id <= @upper AND paid_at >= @from AND paid_at < @to
         ORDER BY user_id, id;
        """;

    public async Task<UserIdBounds?> GetUserIdBoundsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = MySqlConnectionFactory.Command(connection, null, "SELECT MIN(id), MAX(id), COUNT(*) FROM users");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(2) == 0 ? null : new UserIdBounds(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async Task<PriceCatalog> GetCatalogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = MySqlConnectionFactory.Command(connection, null, """
            SELECT id, name, category, network, monthly_fee, data_limit_mb, voice_limit_minutes, active FROM plans ORDER BY id;
            SELECT id, name, category, monthly_fee, active FROM addons ORDER BY id;
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var plans = await RowMappers.ReadAllAsync(reader, static r => new Plan(
            r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4),
            r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetInt32(6), r.GetBoolean(7)), cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var addons = await RowMappers.ReadAllAsync(reader, static r => new Addon(
            r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetBoolean(4)), cancellationToken);
        return new PriceCatalog(plans, addons);
    }

    public async Task<ChargesChunk> ReadChargesAsync(SettlementWindow window, long afterUserId, long lastUserId, int maxUsers, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUsers, 1);
        if (lastUserId <= afterUserId)
        {
            return new ChargesChunk([], lastUserId);
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        var upper = lastUserId;
        using (var bound = MySqlConnectionFactory.Command(connection, null,
            "SELECT id FROM users WHERE id > @after AND id <= @last ORDER BY id LIMIT 1 OFFSET @skip"))
        {
            bound.Parameters.AddWithValue("@after", afterUserId);
            bound.Parameters.AddWithValue("@last", lastUserId);
            bound.Parameters.AddWithValue("@skip", maxUsers - 1);
            if (await bound.ExecuteScalarAsync(cancellationToken) is long found)
            {
                upper = found;
            }
        }
        var month = window.Month;
        using var command = MySqlConnectionFactory.Command(connection, null, ChunkSql, timeoutSeconds: 120);
        command.Parameters.AddWithValue("@after", afterUserId);
        command.Parameters.AddWithValue("@upper", upper);
        command.Parameters.AddWithValue("@monthFirst", month.FirstDay);
        command.Parameters.AddWithValue("@monthLast", month.LastDay);
        command.Parameters.AddWithValue("@monthKey", month.Key);
        command.Parameters.AddWithValue("@monthIndex", month.Year * 12 + month.Month);
        command.Parameters.AddWithValue("@from", DateTime.SpecifyKind(window.FromUtc, DateTimeKind.Utc));
        command.Parameters.AddWithValue("@to", DateTime.SpecifyKind(window.ToUtc, DateTimeKind.Utc));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = await ChargesChunkReader.ReadAsync(reader, cancellationToken);
        return new ChargesChunk(users, upper);
    }
}
