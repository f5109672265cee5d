using BillForU.Storage;

namespace BillForU.Hosting.Configuration;

/// <summary>The <c>BillForU</c> configuration section (appsettings, <c>BillForU__…</c> environment variables, command line).</summary>
public sealed class BillForUOptions
{
    public const string Section = "BillForU";

    /// <summary>The Kafka stream provider's options (cluster mode): bootstrap servers, topics, partitions, consumer group.</summary>
    public const string KafkaSection = "BillForU:Kafka";

    public BillForUMode Mode { get; set; } = BillForUMode.Embedded;

    /// <summary>Where the embedded mode keeps its database, key file and outboxes.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Null = the embedded SQLite file in <see cref="DataDirectory"/>.</summary>
    public SqlStoreOptions? Sql { get; set; }

    /// <summary>StackExchange.Redis configuration string, required in cluster mode.</summary>
    public string? Redis { get; set; }

    public PiiOptions Pii { get; set; } = new();

    public OrleansEndpointOptions Orleans { get; set; } = new();

    public SqlStoreOptions ResolveSql() => Sql is { ConnectionString.Length: > 0 }
        ? Sql
        : new SqlStoreOptions
        {
            Provider = SqlProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(DataDirectory, "billforu.db")}",
        };
}
