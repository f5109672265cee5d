using BillForU.TestSupport;

namespace BillForU.Storage.Tests;

public sealed class SqliteReconciliationStoreContractTests : ReconciliationStoreContractTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override Task<SqlStoreOptions> CreateStoreAsync() =>
        Task.FromResult(new SqlStoreOptions { Provider = SqlProvider.Sqlite, ConnectionString = _database.ConnectionString });

    protected override Task DropStoreAsync() => Task.CompletedTask;

    public void Dispose() => _database.Dispose();
}
