using System.Diagnostics;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;
using BillForU.Hosting.Extensions;
using BillForU.Storage;
using BillForU.Storage.Extensions;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace BillForU.Cluster.Harness;

/// <summary>The demo month in a cluster's MySQL database, loaded the way the silo's main job loads it.</summary>
public static class DemoDataset
{
    public static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    /// <summary>Applies the schema and seeds the dataset; returns the rows written and how long it took.</summary>
    public static async Task<(long Rows, TimeSpan Elapsed)> SeedAsync(string connectionString, PiiKeyRing keys, DatasetSpec spec)
    {
        await using var services = Services(connectionString, keys);
        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        var generator = new DemoDataGenerator(spec, services.GetRequiredService<ContactCipher>(), services.GetRequiredService<LookupHasher>(), Seoul);
        var clock = Stopwatch.StartNew();
        var rows = await services.GetRequiredService<IDatasetSeeder>().SeedAsync(generator, null, CancellationToken.None);
        return (rows, clock.Elapsed);
    }

    /// <summary>Applies the schema only (an empty store the silos can start on).</summary>
    public static async Task MigrateAsync(string connectionString, PiiKeyRing keys)
    {
        await using var services = Services(connectionString, keys);
        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
    }

    /// <summary>
    /// Makes every notice of the month go out at once, whatever the hour: clears the system quiet windows and the users'
    /// own quiet windows and preferred send days. Without it a drill run in the evening (Seoul) would measure deferrals.
    /// </summary>
    public static async Task SendEverythingNowAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "UPDATE message_policy SET quiet_enabled = 0; "
            + "UPDATE notification_prefs SET quiet_start = NULL, quiet_end = NULL, send_day = NULL, send_time = NULL;",
            connection)
        {
            CommandTimeout = 300,
        };
        await command.ExecuteNonQueryAsync();
    }

    private static ServiceProvider Services(string connectionString, PiiKeyRing keys)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPiiProtection(keys);
        services.AddSqlStore(new SqlStoreOptions { Provider = SqlProvider.MySql, ConnectionString = connectionString });
        return services.BuildServiceProvider();
    }
}
