using BillForU.Hosting.Configuration;
using BillForU.Hosting.Redis;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace BillForU.Hosting.Preflight;

/// <summary>
/// Before a cluster-mode silo starts: Redis and the Kafka brokers must answer, or the silo refuses at once naming the
/// one that did not. Orleans would otherwise fail deep in its start-up (membership, then the stream provider) with a
/// stack trace, or keep retrying.
/// </summary>
public static class ClusterDependencyCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <exception cref="DependencyUnavailableException">Redis or Kafka did not answer within a few seconds.</exception>
    public static async Task CheckAsync(BillForUOptions options, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (options.Mode != BillForUMode.Cluster)
        {
            return;
        }
        await CheckRedisAsync(options.Redis!);
        await CheckKafkaAsync(configuration[$"{BillForUOptions.KafkaSection}:BootstrapServers"]!, cancellationToken);
    }

    private static async Task CheckRedisAsync(string redis)
    {
        var connection = RedisConnectionOptions.Parse(redis);
        connection.AbortOnConnectFail = true;
        connection.ConnectTimeout = (int)Patience.TotalMilliseconds;
        connection.ConnectRetry = 1;
        try
        {
            await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(connection);
            await multiplexer.GetDatabase().PingAsync();
        }
        catch (RedisException e)
        {
            throw new DependencyUnavailableException($"Cannot reach Redis at {string.Join(",", connection.EndPoints)} (BillForU:Redis): {e.Message}", e);
        }
    }

    private static async Task CheckKafkaAsync(string bootstrapServers, CancellationToken cancellationToken)
    {
        try
        {
            // The admin client's metadata call blocks; it runs off the caller's thread.
            await Task.Run(() =>
            {
                using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers, SocketTimeoutMs = (int)Patience.TotalMilliseconds })
                    .SetLogHandler((_, _) => { })
                    .Build();
                var metadata = admin.GetMetadata(Patience);
                if (metadata.Brokers.Count == 0)
                {
                    throw new KafkaException(Confluent.Kafka.ErrorCode.BrokerNotAvailable);
                }
            }, cancellationToken);
        }
        catch (KafkaException e)
        {
            throw new DependencyUnavailableException($"Cannot reach the Kafka brokers at {bootstrapServers} (BillForU:Kafka:BootstrapServers): {e.Message}", e);
        }
    }
}
