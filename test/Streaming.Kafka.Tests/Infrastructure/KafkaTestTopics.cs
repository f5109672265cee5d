namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>The unique topic names and consumer group of one test.</summary>
public sealed record KafkaTestTopics(string BootstrapServers, string Topic, string FailoverTopic, string DeadLetterTopic, string GroupId, int Partitions, int FailoverPartitions);
