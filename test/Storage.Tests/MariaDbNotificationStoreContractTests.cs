using BillForU.TestSupport;

namespace BillForU.Storage.Tests;

[Collection(MariaDbServer.Collection)]
public sealed class MariaDbNotificationStoreContractTests(MariaDbServer server) : NotificationStoreContractTests
{
    private readonly string _database = MariaDbServer.UniqueDatabaseName("notification_contract");

    protected override async Task<SqlStoreOptions> CreateStoreAsync() =>
        new() { Provider = SqlProvider.MySql, ConnectionString = await server.CreateDatabaseAsync(_database) };

    protected override Task DropStoreAsync() => server.DropDatabaseAsync(_database);
}
