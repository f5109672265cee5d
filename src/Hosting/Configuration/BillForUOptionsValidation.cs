using Microsoft.Extensions.Configuration;
using MySqlConnector;
using BillForU.Storage;

namespace BillForU.Hosting.Configuration;

/// <summary>Checks at start-up that a mode has what it needs, so a silo fails fast naming the missing piece.</summary>
public static class BillForUOptionsValidation
{
    public static void Validate(BillForUOptions options, IConfiguration configuration)
    {
        if (options.Sql is { Provider: SqlProvider.MySql, ConnectionString: var connectionString })
        {
            ValidateMySql(connectionString);
        }
        if (options.Mode != BillForUMode.Cluster)
        {
            return;
        }
        if (options.Sql is not { Provider: SqlProvider.MySql, ConnectionString.Length: > 0 })
        {
            throw new BillForUConfigurationException(
                "Cluster mode needs MySQL: set BillForU:Sql:Provider=MySql and BillForU:Sql:ConnectionString "
                + "(environment: BillForU__Sql__Provider, BillForU__Sql__ConnectionString).");
        }
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            throw new BillForUConfigurationException(
                "Cluster mode needs Redis for clustering, grain state and reminders: set BillForU:Redis (environment: BillForU__Redis), e.g. 127.0.0.1:6379.");
        }
        if (string.IsNullOrWhiteSpace(configuration[$"{BillForUOptions.KafkaSection}:BootstrapServers"]))
        {
            throw new BillForUConfigurationException(
                "Cluster mode carries bill events on Kafka: set BillForU:Kafka:BootstrapServers (environment: BillForU__Kafka__BootstrapServers) and BillForU:Kafka:Topic.");
        }
    }

    private static void ValidateMySql(string connectionString)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new BillForUConfigurationException($"BillForU:Sql:ConnectionString is not a valid MySQL connection string: {e.Message}");
        }
        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new BillForUConfigurationException("BillForU:Sql:ConnectionString names no database: add Database=<name> (e.g. Database=billforu).");
        }
    }
}
