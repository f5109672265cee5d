using BillForU.Streaming.Kafka.Tests.Infrastructure;
using Confluent.Kafka;

namespace BillForU.Streaming.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class RestartTests(KafkaEnvironment kafka)
{
    [Fact]
    public async Task A_restarted_silo_resumes_from_the_committed_offsets_without_a_gap_or_a_replay_below_them_and_marks_what_may_repeat()
    {
        const int streams = 500;
        var topics = kafka.CreateTopics(nameof(RestartTests));
        var before = new DeliveryLog();
        var after = new DeliveryLog();
        try
        {
            await using (var first = ProbeCluster.Build(topics, before))
            {
                await first.DeployAsync();
                await ProbeCluster.ProduceAsync(first.Client, 0, streams, 4);
                await Eventually.TrueAsync(() => before.Distinct == streams * 4, TimeSpan.FromMinutes(1), () => $"{before.Distinct} delivered before the restart");
                // Produced right before the stop: delivered before or after it, never lost.
                await ProbeCluster.ProduceAsync(first.Client, 0, streams, 2, firstSequence: 4);
                await first.StopAllSilosAsync();
            }

            var committed = CommittedOffsets(topics);
            Assert.All(committed, offset => Assert.True(offset > 0, $"committed offsets {string.Join(", ", committed)}"));

            await using var second = ProbeCluster.Build(topics, after);
            await second.DeployAsync();
            var fromFirst = ProbeCluster.Expected(0, streams, 6).ToList();
            await EveryDeliveredAsync(fromFirst, before, after);
            // Only now produced: the second silo has read everything that was there when it took the partitions.
            await ProbeCluster.ProduceAsync(second.Client, 0, streams, 2, firstSequence: 6);
            await EveryDeliveredAsync(ProbeCluster.Expected(0, streams, 8).ToList(), before, after);

            // At-least-once: what the cache had delivered but not yet released at the stop (up to a cache bucket a
            // queue) is past the committed offsets and comes again; nothing below them may. One event a message, on
            // fresh partitions, so the messages past the committed offsets number produced minus committed.
            var replayed = ProbeCluster.Expected(0, streams, 4).Count(e => after.Contains(e.Stream, e.Sequence));
            var pastCommitted = (streams * 6) - committed.Sum();
            Assert.True(replayed <= pastCommitted, $"{replayed} events delivered again, but only {pastCommitted} were past the committed offsets");

            // What the second silo read from the first's records may repeat a delivery, and says so; what was produced
            // after it took the partitions is read for the first time, and says nothing. The first silo started on
            // empty partitions: nothing it delivered was marked.
            Assert.Empty(before.MarkedRedeliveries);
            var marked = after.MarkedRedeliveries.ToHashSet();
            var unmarkedRepeats = fromFirst.Where(e => after.Contains(e.Stream, e.Sequence) && !marked.Contains(e)).Take(10).ToList();
            Assert.True(unmarkedRepeats.Count == 0, $"read from before the restart but not marked: {string.Join(", ", unmarkedRepeats)}");
            Assert.DoesNotContain(marked, e => e.Sequence >= 6);
            await second.StopAllSilosAsync();
        }
        finally
        {
            await kafka.DeleteTopicsAsync(topics);
        }
    }

    private static Task EveryDeliveredAsync(IReadOnlyList<(long Stream, int Sequence)> all, DeliveryLog before, DeliveryLog after) =>
        Eventually.TrueAsync(
            () => all.All(e => before.Contains(e.Stream, e.Sequence) || after.Contains(e.Stream, e.Sequence)),
            TimeSpan.FromMinutes(1),
            () => $"missing e.g. {string.Join(", ", all.Where(e => !before.Contains(e.Stream, e.Sequence) && !after.Contains(e.Stream, e.Sequence)).Take(10))}");

    private static List<long> CommittedOffsets(KafkaTestTopics topics)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = topics.BootstrapServers, GroupId = topics.GroupId }).Build();
        var partitions = Enumerable.Range(0, topics.Partitions).Select(p => new TopicPartition(topics.Topic, p));
        return consumer.Committed(partitions, TimeSpan.FromSeconds(10)).Select(c => c.Offset.Value).ToList();
    }
}
