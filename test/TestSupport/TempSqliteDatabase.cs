using Microsoft.Data.Sqlite;

namespace BillForU.TestSupport;

/// <summary>A SQLite database file in its own temp directory, deleted (with its WAL files) on dispose.</summary>
public sealed class TempSqliteDatabase : IDisposable
{
    public TempSqliteDatabase(string name = "billforu")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("billforu-sqlite-").FullName;
        FilePath = Path.Combine(Directory, name + ".db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ConnectionString;
    }

    public string Directory { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open; the store pools under its own normalised connection
        // string, so every pool is cleared (idle connections of other tests simply reopen).
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A connection still held by a test that failed mid-way: leave the temp directory to the OS.
        }
    }
}
