using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BillForU.Storage.Sqlite;

/// <summary>
/// One statement with positional parameters, prepared once on the connection's native handle and stepped for every row
/// of a bulk write inside the caller's transaction. Values are bound by position straight into SQLite: the provider's
/// commands look every parameter up by name and re-validate the command on each execution, which cost more than the
/// insert itself at a million rows. Rows execute synchronously, as the provider's async methods would anyway.
/// </summary>
internal sealed class SqlitePreparedStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly Parameter[] _parameters;

    /// <param name="transaction">The open transaction the rows belong to: native statements run inside whatever transaction
    /// the connection has, so it is asked for to make the caller hold one.</param>
    public SqlitePreparedStatement(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        _database = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        _parameters = new Parameter[raw.sqlite3_bind_parameter_count(_statement)];
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i] = new Parameter(_statement, i + 1);
        }
    }

    /// <summary>An INSERT of one row into <paramref name="columns"/> (comma-separated), bound in column order.</summary>
    public static SqlitePreparedStatement Insert(SqliteConnection connection, SqliteTransaction transaction, string table, string columns) =>
        new(connection, transaction, $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", Enumerable.Repeat("?", columns.Split(',').Length))})");

    /// <summary>The 0-based parameter <paramref name="index"/>; its value stays bound until set again.</summary>
    public Parameter this[int index] => _parameters[index];

    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        if (result != raw.SQLITE_DONE)
        {
            var message = raw.sqlite3_errmsg(_database).utf8_to_string();
            raw.sqlite3_reset(_statement);
            throw new SqliteException($"SQLite Error {result}: '{message}'.", result);
        }
        raw.sqlite3_reset(_statement);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_database).utf8_to_string()}'.", result);
        }
    }

    /// <summary>A positional parameter; setting <see cref="Value"/> binds it at once, with the provider's type mapping.</summary>
    public sealed class Parameter(sqlite3_stmt statement, int position)
    {
        public object? Value
        {
            set
            {
                var result = value switch
                {
                    null or DBNull => raw.sqlite3_bind_null(statement, position),
                    long l => raw.sqlite3_bind_int64(statement, position, l),
                    int i => raw.sqlite3_bind_int64(statement, position, i),
                    short s => raw.sqlite3_bind_int64(statement, position, s),
                    byte b => raw.sqlite3_bind_int64(statement, position, b),
                    bool flag => raw.sqlite3_bind_int64(statement, position, flag ? 1 : 0),
                    double d => raw.sqlite3_bind_double(statement, position, d),
                    string text => raw.sqlite3_bind_text(statement, position, text),
                    byte[] blob => raw.sqlite3_bind_blob(statement, position, blob),
                    _ => throw new NotSupportedException($"No SQLite binding for {value.GetType().Name} values."),
                };
                if (result != raw.SQLITE_OK)
                {
                    throw new SqliteException($"SQLite Error {result} binding parameter {position}.", result);
                }
            }
        }
    }
}
