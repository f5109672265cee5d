using System.Runtime.InteropServices;

namespace BillForU.Kafka.MockCluster;

/// <summary>
/// librdkafka's mock Kafka cluster: real Kafka protocol on loopback TCP, brokers numbered from 1.
/// Topics are created through this API because the mock does not support CreateTopics. It keeps
/// only about 5 MiB per partition: a consumer that falls further behind gets "offset out of range".
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private const int ErrorBufferSize = 512;

    private readonly Lock _lock = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    private MockKafkaCluster(IntPtr handle, IntPtr cluster, int brokerCount)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
    }

    /// <summary>Comma-separated <c>host:port</c> of the brokers.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1..BrokerCount.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a mock cluster of <paramref name="brokerCount"/> brokers on random loopback ports.</summary>
    /// <param name="brokerCount">Number of brokers.</param>
    /// <param name="initialRebalanceDelay">Consumer group initial rebalance delay; short in tests.</param>
    /// <returns>The running cluster.</returns>
    public static MockKafkaCluster Start(int brokerCount = 3, TimeSpan? initialRebalanceDelay = null)
    {
        NativeLibraryLoader.EnsureRegistered();
        var errors = Marshal.AllocHGlobal(ErrorBufferSize);
        try
        {
            var conf = NativeMethods.rd_kafka_conf_new();
            // The handle only hosts the mock cluster; keep its own logging to errors.
            NativeMethods.rd_kafka_conf_set(conf, "log_level", "3", errors, ErrorBufferSize);
            var handle = NativeMethods.rd_kafka_new(NativeMethods.ProducerType, conf, errors, ErrorBufferSize);
            if (handle == IntPtr.Zero)
            {
                throw new InvalidOperationException($"rd_kafka_new failed: {Marshal.PtrToStringUTF8(errors)}");
            }

            var cluster = NativeMethods.rd_kafka_mock_cluster_new(handle, brokerCount);
            if (cluster == IntPtr.Zero)
            {
                NativeMethods.rd_kafka_destroy(handle);
                throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
            }

            NativeMethods.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, (int)(initialRebalanceDelay ?? TimeSpan.FromMilliseconds(100)).TotalMilliseconds);
            return new MockKafkaCluster(handle, cluster, brokerCount);
        }
        finally
        {
            Marshal.FreeHGlobal(errors);
        }
    }

    /// <summary>Creates a topic.</summary>
    /// <param name="topic">Topic name.</param>
    /// <param name="partitions">Partition count.</param>
    /// <param name="replicationFactor">Replication factor, at most the broker count.</param>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1) =>
        Check(NativeMethods.rd_kafka_mock_topic_create(Cluster, topic, partitions, replicationFactor), $"create topic {topic}");

    /// <summary>Deletes a topic.</summary>
    /// <param name="topic">Topic name.</param>
    public void DeleteTopic(string topic) =>
        Check(NativeMethods.rd_kafka_mock_topic_delete(Cluster, topic), $"delete topic {topic}");

    /// <summary>Takes a broker down: its connections close and new ones are refused.</summary>
    /// <param name="brokerId">Broker id, from 1.</param>
    public void SetBrokerDown(int brokerId) =>
        Check(NativeMethods.rd_kafka_mock_broker_set_down(Cluster, brokerId), $"set broker {brokerId} down");

    /// <summary>Brings a broker back up.</summary>
    /// <param name="brokerId">Broker id, from 1.</param>
    public void SetBrokerUp(int brokerId) =>
        Check(NativeMethods.rd_kafka_mock_broker_set_up(Cluster, brokerId), $"set broker {brokerId} up");

    /// <summary>Makes the next requests of one API fail with the given Kafka error codes, one per request.</summary>
    /// <param name="apiKey">The API whose requests fail.</param>
    /// <param name="errorCodes">Kafka error codes, e.g. 7 (request timed out) or 29 (topic authorization failed).</param>
    public void PushRequestErrors(KafkaApiKey apiKey, params int[] errorCodes) =>
        NativeMethods.rd_kafka_mock_push_request_errors_array(Cluster, (short)apiKey, (UIntPtr)errorCodes.Length, errorCodes);

    /// <summary>Drops the errors still queued for an API.</summary>
    /// <param name="apiKey">The API.</param>
    public void ClearRequestErrors(KafkaApiKey apiKey) => NativeMethods.rd_kafka_mock_clear_request_errors(Cluster, (short)apiKey);

    /// <summary>Stops the brokers.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_cluster != IntPtr.Zero)
            {
                NativeMethods.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_handle != IntPtr.Zero)
            {
                NativeMethods.rd_kafka_destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }

    private IntPtr Cluster
    {
        get
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            return _cluster;
        }
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"Mock cluster could not {what}: {Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_err2str(error))} ({error}).");
        }
    }
}
