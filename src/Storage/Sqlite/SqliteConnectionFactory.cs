using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace BillForU.Storage.Sqlite;

/// <summary>
/// Opens connections to the embedded database file and serializes its writers. SQLite admits one writer at a
/// time; concurrent settlement partitions queue on an in-process semaphore (one per file, shared by every
/// store instance in the process) instead of spinning on SQLITE_BUSY. Readers never wait for it: under WAL
/// they read the last committed state while a writer works.
/// </summary>
internal sealed class SqliteConnectionFactory
{
    // Writers of this process queue on the semaphore below, so only another process holds the lock this long. After
    // 5 s the write fails as SQLITE_BUSY, which the callers treat as an outage: waited out with backoff, reported on
    // /health, instead of each write silently blocking for as long as the other process keeps its transaction.
    private const int BusyTimeoutMs = 5_000;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteLocks = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock;

    public SqliteConnectionFactory(SqlStoreOptions options)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{nameof(SqlStoreOptions)}.{nameof(SqlStoreOptions.ConnectionString)} is not a SQLite connection string: {e.Message}", nameof(options), e);
        }
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException($"{nameof(SqlStoreOptions)}.{nameof(SqlStoreOptions.ConnectionString)} names no SQLite file (Data Source=…).", nameof(options));
        }
        DataSource = Path.GetFullPath(builder.DataSource);
        builder.DataSource = DataSource;
        builder.Pooling = true;
        builder.DefaultTimeout = BusyTimeoutMs / 1000;
        _connectionString = builder.ToString();
        _writeLock = WriteLocks.GetOrAdd(DataSource, static _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>The database file's full path.</summary>
    public string DataSource { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            var directory = Path.GetDirectoryName(DataSource);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
            await connection.OpenAsync(cancellationToken);
            using var pragmas = connection.CreateCommand();
            // WAL persists in the file; synchronous and busy_timeout are per connection, so every open sets them.
            // NORMAL under WAL loses at most the last commits on power loss, never consistency. A 64 MiB page
            // cache (default 2 MiB) keeps the random-keyed contact-hash indexes in memory while seeding: 25% faster.
            pragmas.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA cache_size=-65536;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            await connection.DisposeAsync();
            throw new StorageUnavailableException($"Cannot open the SQLite database file '{DataSource}': {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE), after the writers before it.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
