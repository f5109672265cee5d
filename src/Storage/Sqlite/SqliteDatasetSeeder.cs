using System.Diagnostics;
using BillForU.Domain.Generation;
using BillForU.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace BillForU.Storage.Sqlite;

/// <summary>
/// Seeds through prepared statements reused for every row, one transaction per generated block, while the
/// next blocks are generated on other cores.
/// </summary>
internal sealed class SqliteDatasetSeeder(SqliteConnectionFactory connections) : IDatasetSeeder
{
    public async Task<DatasetInfo?> GetDatasetInfoAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = SqliteConnectionFactory.Command(connection, null, "SELECT seed, users, billing_month, seeded_at FROM dataset_info WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DatasetInfo(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), SqlValues.Utc(reader.GetDateTime(3)))
            : null;
    }

    public async Task<bool> HasCatalogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = SqliteConnectionFactory.Command(connection, null, "SELECT EXISTS (SELECT 1 FROM plans)");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    public async Task<long> SeedAsync(DemoDataGenerator generator, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var spec = generator.Spec;
        var clock = Stopwatch.StartNew();
        long rows = await connections.WriteAsync((connection, transaction, ct) => Task.FromResult(WriteCatalog(connection, transaction)), cancellationToken);
        var usersDone = 0;
        await foreach (var block in OrderedBlockGenerator.GenerateAsync(generator, OrderedBlockGenerator.DefaultBlockSize, static block => block, cancellationToken))
        {
            rows += await connections.WriteAsync((connection, transaction, ct) => Task.FromResult(WriteBlock(connection, transaction, block, ct)), cancellationToken);
            usersDone += block.Count;
            progress?.Report(new SeedProgress(usersDone, spec.Users, rows, clock.Elapsed));
        }
        rows += await connections.WriteAsync(async (connection, transaction, ct) =>
        {
            using var info = SqliteConnectionFactory.Command(connection, transaction,
                $"INSERT OR REPLACE INTO dataset_info ({SeedColumns.DatasetInfo}) VALUES (1, @seed, @users, @month, @at)");
            info.Parameters.AddWithValue("@seed", spec.Seed);
            info.Parameters.AddWithValue("@users", spec.Users);
            info.Parameters.AddWithValue("@month", SqliteText.Month(spec.Month));
            info.Parameters.AddWithValue("@at", SqliteText.Instant(DateTime.UtcNow));
            return await info.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
        return rows;
    }

    public Task ClearAsync(CancellationToken cancellationToken) =>
        connections.WriteAsync(async (connection, transaction, ct) =>
        {
            // DELETE without WHERE takes SQLite's truncate path: pages are freed, rows are not visited one by one.
            using var delete = SqliteConnectionFactory.Command(connection, transaction,
                string.Concat(SeedColumns.DataTables.Select(table => $"DELETE FROM {table};")));
            return await delete.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    private static long WriteCatalog(SqliteConnection connection, SqliteTransaction transaction)
    {
        long rows = 0;
        using (var plans = SqlitePreparedStatement.Insert(connection, transaction, "plans", SeedColumns.Plans))
        {
            foreach (var plan in DemoCatalog.Plans)
            {
                plans[0].Value = plan.Id;
                plans[1].Value = plan.Name;
                plans[2].Value = plan.Category;
                plans[3].Value = plan.Network;
                plans[4].Value = plan.MonthlyFee;
                plans[5].Value = (object?)plan.DataLimitMb ?? DBNull.Value;
                plans[6].Value = (object?)plan.VoiceLimitMinutes ?? DBNull.Value;
                plans[7].Value = plan.Active;
                plans.Execute();
                rows++;
            }
        }
        using (var addons = SqlitePreparedStatement.Insert(connection, transaction, "addons", SeedColumns.Addons))
        {
            foreach (var addon in DemoCatalog.Addons)
            {
                addons[0].Value = addon.Id;
                addons[1].Value = addon.Name;
                addons[2].Value = addon.Category;
                addons[3].Value = addon.MonthlyFee;
                addons[4].Value = addon.Active;
                addons.Execute();
                rows++;
            }
        }
        using var policies = SqlitePreparedStatement.Insert(connection, transaction, "message_policy", SeedColumns.MessagePolicy);
        foreach (var policy in DemoCatalog.MessagePolicies)
        {
            policies[0].Value = SqlNames.Of(policy.Channel);
            policies[1].Value = policy.QuietEnabled;
            policies[2].Value = SqliteText.Time(policy.QuietWindow.Start);
            policies[3].Value = SqliteText.Time(policy.QuietWindow.End);
            policies.Execute();
            rows++;
        }
        return rows;
    }

    private static long WriteBlock(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<GeneratedUser> block, CancellationToken cancellationToken)
    {
        using var users = SqlitePreparedStatement.Insert(connection, transaction, "users", SeedColumns.Users);
        using var plans = SqlitePreparedStatement.Insert(connection, transaction, "user_plans", SeedColumns.UserPlans);
        using var addons = SqlitePreparedStatement.Insert(connection, transaction, "user_addons", SeedColumns.UserAddons);
        using var payments = SqlitePreparedStatement.Insert(connection, transaction, "micro_payments", SeedColumns.MicroPayments);
        using var installments = SqlitePreparedStatement.Insert(connection, transaction, "device_installments", SeedColumns.DeviceInstallments);
        using var preferences = SqlitePreparedStatement.Insert(connection, transaction, "notification_prefs", SeedColumns.NotificationPrefs);
        long rows = 0;
        foreach (var generated in block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = generated.User;
            users[0].Value = user.Id;
            users[1].Value = user.Name;
            users[2].Value = SqliteText.Date(user.BirthDate);
            users[3].Value = SqlNames.Of(user.Status);
            users[4].Value = user.EmailCipher;
            users[5].Value = user.PhoneCipher;
            users[6].Value = user.EmailHash;
            users[7].Value = user.PhoneHash;
            users[8].Value = SqliteText.Instant(user.CreatedAt);
            users.Execute();
            rows++;

            var charges = generated.Charges;
            foreach (var plan in charges.Plans)
            {
                plans[0].Value = user.Id;
                plans[1].Value = plan.Id;
                plans[2].Value = plan.PlanId;
                plans[3].Value = SqliteText.Date(plan.Start);
                plans[4].Value = SqliteText.Date(plan.End);
                plans[5].Value = SqlNames.Of(plan.Status);
                plans[6].Value = plan.Contract;
                plans.Execute();
                rows++;
            }
            foreach (var addon in charges.Addons)
            {
                addons[0].Value = user.Id;
                addons[1].Value = addon.Id;
                addons[2].Value = addon.AddonId;
                addons[3].Value = SqliteText.Date(addon.Start);
                addons[4].Value = SqliteText.Date(addon.End);
                addons[5].Value = SqlNames.Of(addon.Status);
                addons.Execute();
                rows++;
            }
            foreach (var payment in charges.MicroPayments)
            {
                payments[0].Value = user.Id;
                payments[1].Value = payment.Id;
                payments[2].Value = payment.Amount;
                payments[3].Value = payment.Merchant;
                payments[4].Value = SqlNames.Of(payment.Type);
                payments[5].Value = SqliteText.Instant(payment.PaidAt);
                payments.Execute();
                rows++;
            }
            foreach (var installment in charges.Installments)
            {
                installments[0].Value = user.Id;
                installments[1].Value = installment.Id;
                installments[2].Value = installment.Device;
                installments[3].Value = installment.MonthlyAmount;
                installments[4].Value = installment.FirstMonth.Key;
                installments[5].Value = installment.MonthsTotal;
                installments.Execute();
                rows++;
            }
            foreach (var preference in generated.Preferences)
            {
                preferences[0].Value = user.Id;
                preferences[1].Value = SqlNames.Of(preference.Channel);
                preferences[2].Value = preference.Enabled;
                preferences[3].Value = preference.Priority;
                preferences[4].Value = SqliteText.Time(preference.QuietWindow?.Start);
                preferences[5].Value = SqliteText.Time(preference.QuietWindow?.End);
                preferences[6].Value = (object?)preference.SendDay ?? DBNull.Value;
                preferences[7].Value = SqliteText.Time(preference.SendTime);
                preferences.Execute();
                rows++;
            }
        }
        return rows;
    }
}
