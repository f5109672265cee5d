using BillForU.Storage.Migrations;

namespace BillForU.Storage.Sqlite;

/// <summary>Applies the SQLite migrations not yet recorded in <c>schema_migrations</c>, all in one transaction (SQLite DDL is transactional).</summary>
internal sealed class SqliteSchemaMigrator(SqliteConnectionFactory connections) : ISchemaMigrator
{
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) =>
        connections.WriteAsync<IReadOnlyList<int>>(async (connection, transaction, ct) =>
        {
            using (var create = SqliteConnectionFactory.Command(connection, transaction,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            var applied = new HashSet<int>();
            using (var select = SqliteConnectionFactory.Command(connection, transaction, "SELECT version FROM schema_migrations"))
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }
            var done = new List<int>();
            foreach (var script in MigrationScript.For("Sqlite"))
            {
                if (applied.Contains(script.Version))
                {
                    continue;
                }
                using (var migrate = SqliteConnectionFactory.Command(connection, transaction, script.Sql))
                {
                    await migrate.ExecuteNonQueryAsync(ct);
                }
                using var record = SqliteConnectionFactory.Command(connection, transaction,
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)");
                record.Parameters.AddWithValue("@version", script.Version);
                record.Parameters.AddWithValue("@at", SqliteText.Instant(DateTime.UtcNow));
                await record.ExecuteNonQueryAsync(ct);
                done.Add(script.Version);
            }
            return done;
        }, cancellationToken);
}
