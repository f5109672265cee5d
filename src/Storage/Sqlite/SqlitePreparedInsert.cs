using Microsoft.Data.Sqlite;

namespace BillForU.Storage.Sqlite;

/// <summary>
/// One prepared statement with positional parameters @p0..@pN, reused for every row of a bulk write inside
/// the caller's transaction. Rows execute synchronously: the provider's async methods run synchronously
/// anyway, and a Task per row would cost more than the insert.
/// </summary>
internal sealed class SqlitePreparedInsert : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public SqlitePreparedInsert(SqliteConnection connection, SqliteTransaction transaction, string table, string columns)
    {
        var count = columns.Split(',').Length;
        _parameters = new SqliteParameter[count];
        _command = SqliteConnectionFactory.Command(
            connection,
            transaction,
            $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", Enumerable.Range(0, count).Select(i => "@p" + i))})");
        for (var i = 0; i < count; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter("@p" + i, null));
        }
        _command.Prepare();
    }

    public SqliteParameter this[int index] => _parameters[index];

    public void Execute()
    {
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
