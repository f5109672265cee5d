using System.Data;
using MySqlConnector;

namespace BillForU.Storage.MySql;

/// <summary>
/// Opens pooled MySqlConnector connections. Bulk paths stream generated in-memory sources through
/// LOAD DATA LOCAL, so local infile is always allowed; instants are read back as UTC. A failure to connect
/// becomes a <see cref="StorageUnavailableException"/> naming server, port, database and user, never the password.
/// </summary>
internal sealed class MySqlConnectionFactory
{
    private readonly string _connectionString;

    public MySqlConnectionFactory(SqlStoreOptions options)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{nameof(SqlStoreOptions)}.{nameof(SqlStoreOptions.ConnectionString)} is not a MySQL connection string: {e.Message}", nameof(options), e);
        }
        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new ArgumentException($"{nameof(SqlStoreOptions)}.{nameof(SqlStoreOptions.ConnectionString)} names no database (Database=…).", nameof(options));
        }
        builder.AllowLoadLocalInfile = true;
        builder.DateTimeKind = MySqlDateTimeKind.Utc;
        Database = builder.Database;
        Address = $"{builder.Server}:{builder.Port}, database '{builder.Database}', user '{builder.UserID}'";
        _connectionString = builder.ConnectionString;
        builder.Database = string.Empty;
        ServerConnectionString = builder.ConnectionString;
    }

    public string Database { get; }

    /// <summary>Where the store points, for messages: server, port, database and user (no secrets).</summary>
    public string Address { get; }

    /// <summary>The same server without a database, to create the database the first time.</summary>
    public string ServerConnectionString { get; }

    public Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(_connectionString, cancellationToken);

    public async Task<MySqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (MySqlException e)
        {
            await connection.DisposeAsync();
            throw new StorageUnavailableException($"Cannot reach MySQL at {Address}: {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it; any failure rolls it back.</summary>
    public async Task<T> InTransactionAsync<T>(
        IsolationLevel isolation, Func<MySqlConnection, MySqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
        var result = await work(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public static MySqlCommand Command(MySqlConnection connection, MySqlTransaction? transaction, string sql, int timeoutSeconds = 30) =>
        new(sql, connection, transaction) { CommandTimeout = timeoutSeconds };

    /// <summary>
    /// Streams <paramref name="rows"/> into <paramref name="table"/> by LOAD DATA LOCAL inside the connection's
    /// transaction. LOCAL loads turn rejected rows (duplicate keys, bad values) into warnings, so a short count
    /// is raised as an error here, which rolls the transaction back.
    /// </summary>
    public static async Task<int> LoadAsync(
        MySqlConnection connection, string table, string columns, TsvBuffer rows, CancellationToken cancellationToken, params string[] expressions)
    {
        if (rows.Rows == 0)
        {
            return 0;
        }
        var inserted = await Loader(connection, table, columns, rows, MySqlBulkLoaderConflictOption.None, expressions).LoadAsync(cancellationToken);
        if (inserted != rows.Rows)
        {
            throw new InvalidOperationException($"LOAD DATA into {table} stored {inserted} of {rows.Rows} rows: the others were rejected (duplicate keys or invalid values).");
        }
        return inserted;
    }

    /// <summary>
    /// As <see cref="LoadAsync"/>, but a row whose key is already stored replaces the stored row (LOAD DATA … REPLACE):
    /// for tables that hold the latest row per key, written whole.
    /// </summary>
    public static async Task ReplaceAsync(MySqlConnection connection, string table, string columns, TsvBuffer rows, CancellationToken cancellationToken)
    {
        if (rows.Rows == 0)
        {
            return;
        }
        // A replaced row counts twice (its deletion and its insertion), so only a count below the rows means rejects.
        var affected = await Loader(connection, table, columns, rows, MySqlBulkLoaderConflictOption.Replace, []).LoadAsync(cancellationToken);
        if (affected < rows.Rows)
        {
            throw new InvalidOperationException($"LOAD DATA REPLACE into {table} stored {affected} of {rows.Rows} rows: the others were rejected (invalid values).");
        }
    }

    private static MySqlBulkLoader Loader(MySqlConnection connection, string table, string columns, TsvBuffer rows, MySqlBulkLoaderConflictOption conflicts, string[] expressions)
    {
        var loader = new MySqlBulkLoader(connection)
        {
            TableName = table,
            SourceStream = rows.ToStream(),
            Local = true,
            CharacterSet = "utf8mb4",
            FieldTerminator = "\t",
            LineTerminator = "\n",
            EscapeCharacter = '\\',
            ConflictOption = conflicts,
        };
        loader.Columns.AddRange(columns.Split(',', StringSplitOptions.TrimEntries));
        loader.Expressions.AddRange(expressions);
        return loader;
    }
}
