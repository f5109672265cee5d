using BillForU.Storage.Migrations;
using MySqlConnector;

namespace BillForU.Storage.MySql;

/// <summary>
/// Applies the MySQL migrations not yet recorded in <c>schema_migrations</c>, in version order. MySQL commits
/// DDL implicitly, so a migration cannot be one transaction here: instead a named server lock keeps two
/// starting silos from migrating at once, each script is re-runnable (IF NOT EXISTS), and its version is
/// recorded only after it ran. A missing database is created first.
/// </summary>
internal sealed class MySqlSchemaMigrator(MySqlConnectionFactory connections) : ISchemaMigrator
{
    private const string LockName = "billforu.schema_migrations";
    private const int LockWaitSeconds = 120;
    private const int ScriptTimeoutSeconds = 600;

    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenCreatingDatabaseAsync(cancellationToken);
        using (var acquire = MySqlConnectionFactory.Command(connection, null, $"SELECT GET_LOCK('{LockName}', {LockWaitSeconds})", LockWaitSeconds + 10))
        {
            if (Convert.ToInt64(await acquire.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 1)
            {
                throw new TimeoutException($"Another process held the schema migration lock of {connections.Address} for more than {LockWaitSeconds} s.");
            }
        }
        try
        {
            return await ApplyPendingAsync(connection, cancellationToken);
        }
        finally
        {
            using var release = MySqlConnectionFactory.Command(connection, null, $"DO RELEASE_LOCK('{LockName}')");
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<IReadOnlyList<int>> ApplyPendingAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        using (var create = MySqlConnectionFactory.Command(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL PRIMARY KEY, applied_at DATETIME(6) NOT NULL) ENGINE = InnoDB"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var applied = new HashSet<int>();
        using (var select = MySqlConnectionFactory.Command(connection, null, "SELECT version FROM schema_migrations"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }
        var done = new List<int>();
        foreach (var script in MigrationScript.For("MySql"))
        {
            if (applied.Contains(script.Version))
            {
                continue;
            }
            using (var migrate = MySqlConnectionFactory.Command(connection, null, script.Sql, ScriptTimeoutSeconds))
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }
            using var record = MySqlConnectionFactory.Command(connection, null, "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)");
            record.Parameters.AddWithValue("@version", script.Version);
            record.Parameters.AddWithValue("@at", DateTime.UtcNow);
            await record.ExecuteNonQueryAsync(cancellationToken);
            done.Add(script.Version);
        }
        return done;
    }

    private async Task<MySqlConnection> OpenCreatingDatabaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await connections.OpenAsync(cancellationToken);
        }
        catch (StorageUnavailableException e) when (e.InnerException is MySqlException { ErrorCode: MySqlErrorCode.UnknownDatabase })
        {
            await using (var server = await connections.OpenAsync(connections.ServerConnectionString, cancellationToken))
            {
                using var create = MySqlConnectionFactory.Command(server, null,
                    $"CREATE DATABASE IF NOT EXISTS `{connections.Database.Replace("`", "``", StringComparison.Ordinal)}` CHARACTER SET utf8mb4");
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            return await connections.OpenAsync(cancellationToken);
        }
    }
}
