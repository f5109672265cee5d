using BillForU.Storage;

namespace BillForU.Grains.Tests.Settlement;

public sealed class SqliteSettlementTests : SettlementTests
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("billforu-settlement-");

    protected override Task<SqlStoreOptions> CreateDatabaseAsync() => Task.FromResult(new SqlStoreOptions
    {
        Provider = SqlProvider.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(_directory.FullName, "billforu.db")}",
    });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
