using System.Diagnostics;
using BillForU.Cluster.Harness;
using BillForU.Domain.Generation;
using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.TestSupport;

namespace BillForU.Cluster.Bench;

/// <summary>
/// One run of the full pipeline on real processes: a fresh cluster (database, Redis, Kafka mock, captures), the demo
/// month seeded, N silos started, the month settled through the coordinator while the notices flow to the SMTP capture
/// and the SMS/push fakes, timed until every bill's notice is sent (or dead-lettered).
/// </summary>
public static class ClusterScenario
{
    private static readonly TimeSpan Timeout = TimeSpan.FromHours(1);

    public static async Task<ScenarioResult> RunAsync(
        MariaDbServer mariaDb, DatasetSpec spec, int silos, int kafkaPartitions, IReadOnlyDictionary<string, string?> settings, TextWriter log)
    {
        await using var cluster = await LocalCluster.StartAsync(mariaDb, new LocalClusterOptions
        {
            Name = $"bench-{silos}",
            KafkaPartitions = kafkaPartitions,
            // The product's defaults (4 partitions per core, 5,000 users a chunk), not the drills' small chunks.
            SettlementPartitions = Math.Max(4, Environment.ProcessorCount * 4),
            ChunkSize = 5_000,
            Settings = settings,
        });
        try
        {
            var (rows, seedTime) = await cluster.SeedAsync(spec);
            await log.WriteLineAsync($"  {silos} silo(s): seeded {rows:N0} rows in {seedTime.TotalSeconds:F1} s");
            var started = await cluster.StartSilosAsync(silos);
            var client = await cluster.ConnectClientAsync();

            var clock = Stopwatch.StartNew();
            var month = spec.Month;
            await client.Coordinator(month).StartAsync(new SettlementRequest(Force: true));
            SettlementRunView run;
            while (true)
            {
                run = (await client.Coordinator(month).GetStatusAsync())!;
                if (run.Status != SettlementRunStatus.Running)
                {
                    break;
                }
                Fail(clock, cluster, "the settlement run to end");
                await Task.Delay(100);
            }
            if (run.Status != SettlementRunStatus.Completed)
            {
                throw new InvalidOperationException($"The run ended {run.Status}: {run.Error}");
            }
            var settle = run.FinishedAt!.Value - run.StartedAt;
            await log.WriteLineAsync($"  {silos} silo(s): settled {run.BillsWritten:N0} bills in {settle.TotalSeconds:F1} s");

            // Every notice finished: the silos' counters say so first (every second), the delivery log confirms.
            while (started.Sum(s => s.Counters.Sent + s.Counters.DeadLettered) < run.BillsWritten)
            {
                Fail(clock, cluster, "every notice to be sent");
                await Task.Delay(100);
            }
            var notified = clock.Elapsed;
            while (await cluster.Sql.BillsDoneAsync(month) < run.BillsWritten)
            {
                Fail(clock, cluster, "the delivery log to show every notice");
                await Task.Delay(500);
            }
            await log.WriteLineAsync($"  {silos} silo(s): every notice sent {notified.TotalSeconds:F1} s after the run started");

            var emails = cluster.Smtp.Received;
            var http = cluster.Sms.Requests.Concat(cluster.Push.Requests).Where(r => r.Status == 200).ToList();
            var resends = emails.Count - emails.Select(e => e.MessageId).Distinct().Count() + http.Count - http.Select(r => r.IdempotencyKey).Distinct().Count();
            return new ScenarioResult(
                silos, rows, seedTime, run.BillsWritten, settle, notified, emails.Count, http.Count, resends,
                started.Select(s => (s.Name, s.Process.PeakMemoryBytes, s.Counters)).ToList(),
                Process.GetCurrentProcess().PeakWorkingSet64,
                started.Sum(s => s.Process.Lines.Count(l => l.Contains("DATA LOSS", StringComparison.Ordinal))));
        }
        catch (Exception)
        {
            await log.WriteLineAsync(cluster.Describe(40));
            throw;
        }
    }

    private static void Fail(Stopwatch clock, LocalCluster cluster, string what)
    {
        if (clock.Elapsed > Timeout)
        {
            throw new TimeoutException($"Waited {Timeout.TotalMinutes:N0} min for {what}.");
        }
        if (cluster.Silos.FirstOrDefault(s => !s.IsAlive) is { } dead)
        {
            throw new InvalidOperationException($"{dead.Name} exited with code {dead.Process.ExitCode} while waiting for {what}.");
        }
    }
}
