using BillForU.Storage;
using BillForU.TestSupport;

namespace BillForU.Grains.Tests.Settlement;

[Collection(MariaDbServer.Collection)]
public sealed class MariaDbSettlementTests(MariaDbServer server) : SettlementTests
{
    private readonly string _database = MariaDbServer.UniqueDatabaseName("settle");

    protected override async Task<SqlStoreOptions> CreateDatabaseAsync() => new()
    {
        Provider = SqlProvider.MySql,
        ConnectionString = await server.CreateDatabaseAsync(_database),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await server.DropDatabaseAsync(_database);
    }
}
