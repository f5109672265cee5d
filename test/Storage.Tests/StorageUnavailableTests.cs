using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BillForU.Storage.Extensions;
using BillForU.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BillForU.Storage.Tests;

public sealed class StorageUnavailableTests
{
    [Fact]
    public async Task An_unreachable_MySQL_server_is_reported_quickly_by_address_without_the_password()
    {
        var port = ClosedLoopbackPort();
        await using var services = new ServiceCollection()
            .AddSqlStore(new SqlStoreOptions
            {
                Provider = SqlProvider.MySql,
                ConnectionString = $"Server=127.0.0.1;Port={port};Database=billforu;User ID=billing;Password=s3cret-pw;Connection Timeout=5",
            })
            .BuildServiceProvider();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.DoesNotContain("s3cret-pw", error.Message);
    }

    [Fact]
    public async Task A_SQLite_file_that_cannot_be_created_is_reported_by_path()
    {
        using var database = new TempSqliteDatabase();
        var blocker = Path.Combine(database.Directory, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file where the database directory should be");
        var path = Path.Combine(blocker, "billforu.db");
        await using var services = new ServiceCollection()
            .AddSqlStore(new SqlStoreOptions { Provider = SqlProvider.Sqlite, ConnectionString = $"Data Source={path}" })
            .BuildServiceProvider();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None));

        Assert.Contains(path, error.Message);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
