using BillForU.Storage;
using BillForU.Storage.Outages;
using Microsoft.Data.Sqlite;

namespace BillForU.Grains.Tests.Outages;

public sealed class StorageFaultsTests
{
    [Fact]
    public void An_unreachable_or_locked_store_is_an_outage()
    {
        Assert.True(StorageFaults.IsOutage(new StorageUnavailableException("Cannot reach MySQL")));
        Assert.True(StorageFaults.IsOutage(new SqliteException("database is locked", 5)));
        Assert.True(StorageFaults.IsOutage(new InvalidOperationException("wrapped", new StorageUnavailableException("Cannot reach MySQL"))));
    }

    [Fact]
    public void A_failure_retrying_cannot_fix_is_not()
    {
        Assert.False(StorageFaults.IsOutage(new InvalidOperationException("LOAD DATA stored 3 of 4 rows")));
        Assert.False(StorageFaults.IsOutage(new SqliteException("constraint failed", 19)));
        Assert.False(StorageFaults.IsOutage(new IOException("Injected failure writing chunk")));
    }

    [Fact]
    public void A_description_is_one_line_with_the_innermost_cause()
    {
        var text = StorageFaults.Describe(new StorageUnavailableException("Cannot reach MySQL at 127.0.0.1:3306", new IOException("Connection refused")));

        Assert.Equal("StorageUnavailableException: Cannot reach MySQL at 127.0.0.1:3306 (Connection refused)", text);
    }
}
