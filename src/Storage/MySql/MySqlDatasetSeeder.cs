using System.Data;
using System.Diagnostics;
using BillForU.Domain.Generation;
using BillForU.Storage.Relational;
using MySqlConnector;

namespace BillForU.Storage.MySql;

/// <summary>
/// Seeds by LOAD DATA LOCAL: each block of users is generated and serialised to tab-separated rows on a
/// worker thread, then streamed into its six tables in one transaction while the next blocks are prepared.
/// </summary>
internal sealed class MySqlDatasetSeeder(MySqlConnectionFactory connections) : IDatasetSeeder
{
    public async Task<DatasetInfo?> GetDatasetInfoAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = MySqlConnectionFactory.Command(connection, null, "SELECT seed, users, billing_month, seeded_at FROM dataset_info WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DatasetInfo(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), SqlValues.Utc(reader.GetDateTime(3)))
            : null;
    }

    public async Task<bool> HasCatalogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = MySqlConnectionFactory.Command(connection, null, "SELECT EXISTS (SELECT 1 FROM plans)");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    public async Task<long> SeedAsync(DemoDataGenerator generator, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var spec = generator.Spec;
        var clock = Stopwatch.StartNew();
        long rows = await connections.InTransactionAsync(IsolationLevel.ReadCommitted, (connection, _, ct) => WriteCatalogAsync(connection, ct), cancellationToken);
        var usersDone = 0;
        await foreach (var block in OrderedBlockGenerator.GenerateAsync(generator, OrderedBlockGenerator.DefaultBlockSize, SeedBlock.Of, cancellationToken))
        {
            rows += await connections.InTransactionAsync(IsolationLevel.ReadCommitted, (connection, _, ct) => block.WriteAsync(connection, ct), cancellationToken);
            usersDone += block.Users;
            progress?.Report(new SeedProgress(usersDone, spec.Users, rows, clock.Elapsed));
        }
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            using var info = MySqlConnectionFactory.Command(connection, null,
                $"REPLACE INTO dataset_info ({SeedColumns.DatasetInfo}) VALUES (1, @seed, @users, @month, @at)");
            info.Parameters.AddWithValue("@seed", spec.Seed);
            info.Parameters.AddWithValue("@users", spec.Users);
            info.Parameters.AddWithValue("@month", spec.Month.ToString());
            info.Parameters.AddWithValue("@at", DateTime.UtcNow);
            await info.ExecuteNonQueryAsync(cancellationToken);
        }
        return rows + 1;
    }

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // TRUNCATE drops and recreates each table's storage: instant, where DELETE would visit millions of rows.
        using var truncate = MySqlConnectionFactory.Command(connection, null,
            string.Concat(SeedColumns.DataTables.Select(table => $"TRUNCATE TABLE {table};")), timeoutSeconds: 0);
        await truncate.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> WriteCatalogAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var plans = new TsvBuffer();
        foreach (var plan in DemoCatalog.Plans)
        {
            plans.Long(plan.Id).Text(plan.Name).Text(plan.Category).Text(plan.Network).Long(plan.MonthlyFee);
            _ = plan.DataLimitMb is { } data ? plans.Long(data) : plans.Null();
            _ = plan.VoiceLimitMinutes is { } voice ? plans.Long(voice) : plans.Null();
            plans.Bool(plan.Active).EndRow();
        }
        var addons = new TsvBuffer();
        foreach (var addon in DemoCatalog.Addons)
        {
            addons.Long(addon.Id).Text(addon.Name).Text(addon.Category).Long(addon.MonthlyFee).Bool(addon.Active).EndRow();
        }
        var policies = new TsvBuffer();
        foreach (var policy in DemoCatalog.MessagePolicies)
        {
            policies.Text(SqlNames.Of(policy.Channel)).Bool(policy.QuietEnabled).Time(policy.QuietWindow.Start).Time(policy.QuietWindow.End).EndRow();
        }
        return await MySqlConnectionFactory.LoadAsync(connection, "plans", SeedColumns.Plans, plans, cancellationToken)
            + await MySqlConnectionFactory.LoadAsync(connection, "addons", SeedColumns.Addons, addons, cancellationToken)
            + await MySqlConnectionFactory.LoadAsync(connection, "message_policy", SeedColumns.MessagePolicy, policies, cancellationToken);
    }

    /// <summary>One block of generated users as LOAD DATA rows, one buffer per table.</summary>
    private sealed record SeedBlock(int Users, TsvBuffer UserRows, TsvBuffer Plans, TsvBuffer Addons, TsvBuffer Payments, TsvBuffer Installments, TsvBuffer Preferences)
    {
        // Hashes travel as hex and are unhexed by the server into the BINARY(32) columns.
        private const string UserColumns = "id, name, birth_date, status, email_cipher, phone_cipher, @email_hash, @phone_hash, created_at";

        public static SeedBlock Of(IReadOnlyList<GeneratedUser> block)
        {
            var seed = new SeedBlock(block.Count, new TsvBuffer(block.Count * 260), new TsvBuffer(block.Count * 64), new TsvBuffer(block.Count * 120),
                new TsvBuffer(block.Count * 160), new TsvBuffer(block.Count * 20), new TsvBuffer(block.Count * 80));
            foreach (var generated in block)
            {
                var user = generated.User;
                seed.UserRows.Long(user.Id).Text(user.Name).Date(user.BirthDate).Text(SqlNames.Of(user.Status)).Text(user.EmailCipher).Text(user.PhoneCipher)
                    .Hex(user.EmailHash).Hex(user.PhoneHash).Instant(user.CreatedAt).EndRow();
                var charges = generated.Charges;
                foreach (var plan in charges.Plans)
                {
                    seed.Plans.Long(user.Id).Long(plan.Id).Long(plan.PlanId).Date(plan.Start).Date(plan.End).Text(SqlNames.Of(plan.Status)).Bool(plan.Contract).EndRow();
                }
                foreach (var addon in charges.Addons)
                {
                    seed.Addons.Long(user.Id).Long(addon.Id).Long(addon.AddonId).Date(addon.Start).Date(addon.End).Text(SqlNames.Of(addon.Status)).EndRow();
                }
                foreach (var payment in charges.MicroPayments)
                {
                    seed.Payments.Long(user.Id).Long(payment.Id).Long(payment.Amount).Text(payment.Merchant).Text(SqlNames.Of(payment.Type)).Instant(payment.PaidAt).EndRow();
                }
                foreach (var installment in charges.Installments)
                {
                    seed.Installments.Long(user.Id).Long(installment.Id).Text(installment.Device).Long(installment.MonthlyAmount)
                        .Long(installment.FirstMonth.Key).Long(installment.MonthsTotal).EndRow();
                }
                foreach (var preference in generated.Preferences)
                {
                    seed.Preferences.Long(user.Id).Text(SqlNames.Of(preference.Channel)).Bool(preference.Enabled).Long(preference.Priority)
                        .Time(preference.QuietWindow?.Start).Time(preference.QuietWindow?.End);
                    _ = preference.SendDay is { } day ? seed.Preferences.Long(day) : seed.Preferences.Null();
                    seed.Preferences.Time(preference.SendTime).EndRow();
                }
            }
            return seed;
        }

        public async Task<long> WriteAsync(MySqlConnection connection, CancellationToken cancellationToken) =>
            await MySqlConnectionFactory.LoadAsync(connection, "users", UserColumns, UserRows, cancellationToken,
                "email_hash = UNHEX(@email_hash)", "phone_hash = UNHEX(@phone_hash)")
            + await MySqlConnectionFactory.LoadAsync(connection, "user_plans", SeedColumns.UserPlans, Plans, cancellationToken)
            + await MySqlConnectionFactory.LoadAsync(connection, "user_addons", SeedColumns.UserAddons, Addons, cancellationToken)
            + await MySqlConnectionFactory.LoadAsync(connection, "micro_payments", SeedColumns.MicroPayments, Payments, cancellationToken)
            + await MySqlConnectionFactory.LoadAsync(connection, "device_installments", SeedColumns.DeviceInstallments, Installments, cancellationToken)
            + await MySqlConnectionFactory.LoadAsync(connection, "notification_prefs", SeedColumns.NotificationPrefs, Preferences, cancellationToken);
    }
}
