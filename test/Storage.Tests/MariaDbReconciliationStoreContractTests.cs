using BillForU.TestSupport;

namespace BillForU.Storage.Tests;

[Collection(MariaDbServer.Collection)]
public sealed class MariaDbReconciliationStoreContractTests(MariaDbServer server) : ReconciliationStoreContractTests
{
    private readonly string _database = MariaDbServer.UniqueDatabaseName("reconciliation_contract");

    protected override async Task<SqlStoreOptions> CreateStoreAsync() =>
        new() { Provider = SqlProvider.MySql, ConnectionString = await server.CreateDatabaseAsync(_database) };

    protected override Task DropStoreAsync() => server.DropDatabaseAsync(_database);
}
