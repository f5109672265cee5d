using BillForU.Domain.Billing;
using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Storage.Extensions;
using BillForU.Storage.Notifications;
using BillForU.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace BillForU.Storage.Tests;

/// <summary>
/// The delivery log's batch reads the statuses on record of its own bills, locking them: it must never scan (and lock)
/// other bills' rows, whatever InnoDB's statistics say.
/// </summary>
[Collection(MariaDbServer.Collection)]
public sealed class MariaDbDeliveryLockTests(MariaDbServer server) : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly BillingMonth Month = new(2026, 10);
    private readonly string _database = MariaDbServer.UniqueDatabaseName("delivery_locks");
    private string _connectionString = "";
    private ServiceProvider? _services;

    private IDeliveryStore Store => _services!.GetRequiredService<IDeliveryStore>();

    public async Task InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync(_database);
        _services = new ServiceCollection().AddSqlStore(new SqlStoreOptions { Provider = SqlProvider.MySql, ConnectionString = _connectionString }).BuildServiceProvider();
        await _services.GetRequiredService<ISchemaMigrator>().MigrateAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await server.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task A_batch_waits_for_no_other_bills_row_even_when_the_statistics_say_one_bill_id_fills_the_table()
    {
        await Store.UpsertStatesAsync(Enumerable.Range(1, 2_000).Select(u => State(u, NotificationStatus.Sent)).ToArray(), Ct);
        // What InnoDB can hold after a TRUNCATE or while a table is young: one distinct bill id for all its rows. Then 500
        // key lookups are priced as the whole table, and the status index (which covers the read) looks cheaper to scan.
        await using var other = new MySqlConnection(_connectionString);
        await other.OpenAsync(Ct);
        await ExecuteAsync(other, """
            UPDATE mysql.innodb_index_stats SET stat_value = 1
            WHERE database_name = DATABASE() AND table_name = 'notification_deliveries' AND index_name = 'PRIMARY' AND stat_name LIKE 'n_diff_pfx%';
            FLUSH TABLES notification_deliveries;
            """);
        await using var holder = await other.BeginTransactionAsync(Ct);
        await ExecuteAsync(other, $"SELECT status FROM notification_deliveries WHERE bill_id = {BillId.For(Month, 1)} FOR UPDATE", holder);

        var batch = Store.UpsertStatesAsync(Enumerable.Range(1_500, 600).Select(u => State(u, NotificationStatus.Failed)).ToArray(), Ct);
        var finished = await Task.WhenAny(batch, Task.Delay(TimeSpan.FromSeconds(15), Ct)) == batch;
        await holder.RollbackAsync(Ct);

        Assert.True(finished, "the batch waited on bill 1's row, which it never asked for");
        await batch;
        var read = await Store.GetStatesAsync([BillId.For(Month, 1_500), BillId.For(Month, 1)], Ct);
        Assert.Equal([NotificationStatus.Sent, NotificationStatus.Failed], read.OrderBy(s => s.BillId).Select(s => s.Status));
    }

    private static DeliveryState State(long userId, NotificationStatus status) =>
        new(BillId.For(Month, userId), Channel.Email, userId, Month.ToString(), status, 1, null, null, null, null, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, MySqlTransaction? transaction = null)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
