using BillForU.Kafka.MockCluster;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>
/// The brokers of the test run: a real Kafka when <c>KAFKA_BOOTSTRAP</c> is set, otherwise
/// librdkafka's mock cluster (three brokers on loopback). Fault-injection tests always use the mock,
/// which is started in both cases, because a real broker cannot be taken down from a test.
/// </summary>
public sealed class KafkaEnvironment : IDisposable
{
    private int _sequence;

    public KafkaEnvironment()
    {
        Mock = MockKafkaCluster.Start(brokerCount: 3);
        var real = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP");
        RealBootstrapServers = string.IsNullOrWhiteSpace(real) ? null : real;
    }

    public MockKafkaCluster Mock { get; }

    public string? RealBootstrapServers { get; }

    /// <summary>Unique topics for one test, on the real broker if there is one.</summary>
    public KafkaTestTopics CreateTopics(string testName, int partitions = 3, int failoverPartitions = 3) =>
        RealBootstrapServers is null ? CreateMockTopics(testName, partitions, failoverPartitions) : Names(RealBootstrapServers, testName, partitions, failoverPartitions);

    /// <summary>Unique topics on the mock cluster, for tests that inject faults.</summary>
    public KafkaTestTopics CreateMockTopics(string testName, int partitions = 3, int failoverPartitions = 3)
    {
        var topics = Names(Mock.BootstrapServers, testName, partitions, failoverPartitions);
        Mock.CreateTopic(topics.Topic, partitions);
        Mock.CreateTopic(topics.FailoverTopic, failoverPartitions);
        Mock.CreateTopic(topics.DeadLetterTopic, 1);
        return topics;
    }

    public async Task DeleteTopicsAsync(KafkaTestTopics topics)
    {
        string[] names = [topics.Topic, topics.FailoverTopic, topics.DeadLetterTopic];
        if (topics.BootstrapServers == Mock.BootstrapServers)
        {
            foreach (var name in names)
            {
                Mock.DeleteTopic(name);
            }

            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = topics.BootstrapServers }).Build();
        try
        {
            await admin.DeleteTopicsAsync(names);
        }
        catch (DeleteTopicsException)
        {
            // A topic the test never created (it failed early) is fine to miss.
        }
    }

    public void Dispose() => Mock.Dispose();

    private KafkaTestTopics Names(string bootstrap, string testName, int partitions, int failoverPartitions)
    {
        var prefix = $"{testName}-{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}"[..Math.Min(testName.Length + 30, 120)];
        return new KafkaTestTopics(bootstrap, $"{prefix}-events", $"{prefix}-failover", $"{prefix}-dlt", $"{prefix}-group", partitions, failoverPartitions);
    }
}
