using Orleans.Configuration;

namespace BillForU.Streaming.Kafka.Tests;

public sealed class KafkaStreamOptionsValidatorTests
{
    private static KafkaStreamOptions Valid() => new() { BootstrapServers = "localhost:9092", Topic = "billing-event-topic" };

    [Fact]
    public void Valid_options_pass() => new KafkaStreamOptionsValidator(Valid(), "kafka").ValidateConfiguration();

    [Theory]
    [InlineData(nameof(KafkaStreamOptions.BootstrapServers))]
    [InlineData(nameof(KafkaStreamOptions.Topic))]
    [InlineData(nameof(KafkaStreamOptions.TopicPartitions))]
    [InlineData(nameof(KafkaStreamOptions.FailoverTopic))]
    [InlineData(nameof(KafkaStreamOptions.MaxFailoverAttempts))]
    [InlineData(nameof(KafkaStreamOptions.ReceiverBufferBytes))]
    [InlineData(nameof(KafkaStreamOptions.CacheSize))]
    [InlineData(nameof(KafkaStreamOptions.KafkaSettings))]
    [InlineData(nameof(KafkaStreamOptions.ConsumerSettings))]
    public void A_wrong_property_fails_start_up_naming_it(string property)
    {
        var options = Valid();
        switch (property)
        {
            case nameof(KafkaStreamOptions.BootstrapServers): options.BootstrapServers = " "; break;
            case nameof(KafkaStreamOptions.Topic): options.Topic = ""; break;
            case nameof(KafkaStreamOptions.TopicPartitions): options.TopicPartitions = 0; break;
            case nameof(KafkaStreamOptions.FailoverTopic): options.FailoverTopic = options.Topic; break;
            case nameof(KafkaStreamOptions.MaxFailoverAttempts): options.MaxFailoverAttempts = 0; break;
            case nameof(KafkaStreamOptions.ReceiverBufferBytes): options.ReceiverBufferBytes = 0; break;
            case nameof(KafkaStreamOptions.CacheSize): options.CacheSize = 9; break;
            case nameof(KafkaStreamOptions.KafkaSettings): options.KafkaSettings["enable.auto.commit"] = "false"; break;
            case nameof(KafkaStreamOptions.ConsumerSettings): options.ConsumerSettings["auto.offset.reset"] = "earliest"; break;
        }

        var exception = Assert.Throws<OrleansConfigurationException>(new KafkaStreamOptionsValidator(options, "billing").ValidateConfiguration);

        Assert.Contains($"KafkaStreamOptions.{property}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'billing'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batches_of_batches_are_refused_because_failover_works_per_record()
    {
        var pulling = new StreamPullingAgentOptions { BatchContainerBatchSize = 10 };

        var exception = Assert.Throws<OrleansConfigurationException>(new KafkaStreamOptionsValidator(Valid(), "kafka", pulling).ValidateConfiguration);

        Assert.Contains("BatchContainerBatchSize", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_failover_and_dead_letter_topics_derive_from_the_topic()
    {
        var options = Valid();

        Assert.Equal("billing-event-topic-failover", options.ResolvedFailoverTopic);
        Assert.Equal("billing-event-topic-dlt", options.ResolvedDeadLetterTopic);
    }
}
