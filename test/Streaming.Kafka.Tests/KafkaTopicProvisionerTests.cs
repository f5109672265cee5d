using System.Diagnostics;
using BillForU.Streaming.Kafka.Clients;
using BillForU.Streaming.Kafka.Tests.Infrastructure;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;

namespace BillForU.Streaming.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class KafkaTopicProvisionerTests(KafkaEnvironment kafka)
{
    [Fact]
    public async Task An_unreachable_broker_fails_start_up_clearly_within_the_timeout()
    {
        var options = new KafkaStreamOptions { BootstrapServers = "127.0.0.1:9", Topic = "t", StartupTimeout = TimeSpan.FromSeconds(2) };
        var provisioner = new KafkaTopicProvisioner(options, "kafka", NullLogger<KafkaTopicProvisioner>.Instance);
        var clock = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => provisioner.EnsureTopicsAsync(CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("127.0.0.1:9", exception.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Existing_topics_with_other_partition_counts_fail_naming_the_property()
    {
        var topics = kafka.CreateMockTopics(nameof(Existing_topics_with_other_partition_counts_fail_naming_the_property), partitions: 2);
        try
        {
            var options = new KafkaStreamOptions();
            ProbeCluster.Configure(options, topics, o => o.TopicPartitions = 4);
            var provisioner = new KafkaTopicProvisioner(options, "kafka", NullLogger<KafkaTopicProvisioner>.Instance);

            var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => provisioner.EnsureTopicsAsync(CancellationToken.None));

            Assert.Contains("KafkaStreamOptions.TopicPartitions is 4", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            await kafka.DeleteTopicsAsync(topics);
        }
    }

    [Fact]
    public async Task Missing_topics_are_created_or_named_in_the_error()
    {
        var topics = new KafkaTestTopics(
            kafka.RealBootstrapServers ?? kafka.Mock.BootstrapServers, $"missing-{Guid.NewGuid():N}", $"missing-{Guid.NewGuid():N}-f", $"missing-{Guid.NewGuid():N}-d", "g", 3, 3);
        var options = new KafkaStreamOptions();
        ProbeCluster.Configure(options, topics, o => o.StartupTimeout = TimeSpan.FromSeconds(3));
        var provisioner = new KafkaTopicProvisioner(options, "kafka", NullLogger<KafkaTopicProvisioner>.Instance);
        try
        {
            var failure = await Record.ExceptionAsync(() => provisioner.EnsureTopicsAsync(CancellationToken.None));

            if (failure is null)
            {
                using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = topics.BootstrapServers }).Build();
                var metadata = admin.GetMetadata(topics.Topic, TimeSpan.FromSeconds(5));
                Assert.Equal(3, metadata.Topics.Single().Partitions.Count);
            }
            else
            {
                // The mock cluster does not support CreateTopics: the error must say which topics are missing.
                Assert.IsType<InvalidOperationException>(failure);
                Assert.Contains(topics.Topic, failure.Message, StringComparison.Ordinal);
                Assert.Contains("could not be created", failure.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            await kafka.DeleteTopicsAsync(topics).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
