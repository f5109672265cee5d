using BillForU.Domain.Billing;
using BillForU.Grains.Billing;
using BillForU.Grains.Interfaces;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.Storage;
using BillForU.Storage.Outages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillForU.Grains.Settlement;

/// <summary>
/// Settles users (after, last] of a month chunk by chunk: read, price in memory, write the chunk and its
/// checkpoint in one transaction, publish the chunk's bill events, mark them published. The checkpoint in
/// SQL is the only progress that counts, so any new activation picks up exactly where the last commit left. A store
/// outage is waited out with backoff and the attempt resumed from the checkpoint; it does not count as a failed attempt.
/// </summary>
public sealed class SettlementPartitionGrain(
    IBillingDataSource source,
    IBillRepository bills,
    ISettlementRunRepository runs,
    IOptions<SettlementOptions> options,
    TimeProvider time,
    SettlementMetrics metrics,
    StorageRetry retry,
    ILogger<SettlementPartitionGrain> logger) : Grain, ISettlementPartitionGrain
{
    private readonly SettlementOptions _options = options.Value;
    private Task? _work;
    private CancellationTokenSource? _stop;
    private PartitionState _state = PartitionState.Stopped;
    private long _committedUserId;
    private long _billsWritten;
    private long _eventsPublished;
    private int _failures;
    private string? _lastError;

    public Task<PartitionProgress> EnsureRunningAsync(PartitionAssignment assignment)
    {
        var idle = _work is null || _work.IsCompleted;
        var retryable = _state != PartitionState.Failed || _failures < _options.MaxPartitionAttempts;
        if (idle && _state != PartitionState.Completed && retryable)
        {
            _stop = new CancellationTokenSource();
            _state = PartitionState.Running;
            _work = RunAsync(assignment, _stop.Token);
        }
        return Task.FromResult(Progress());
    }

    public async Task StopAsync()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
        }
        if (_work is not null)
        {
            await _work;
        }
        // The SQL checkpoint is the truth: a completed partition asked to run again (a forced re-run)
        // re-reads it rather than trusting what this activation remembers.
        _failures = 0;
        _lastError = null;
        _state = PartitionState.Stopped;
    }

    private PartitionProgress Progress() =>
        new(_state, _committedUserId, _billsWritten, _eventsPublished, _failures, _lastError);

    private async Task RunAsync(PartitionAssignment assignment, CancellationToken cancellationToken)
    {
        var month = BillingMonth.Parse(assignment.Month);
        // This partition's hold on the outage tracker while it waits for the store.
        var waiting = new object();
        try
        {
            for (var outageFailures = 1; ; outageFailures++)
            {
                try
                {
                    await SettleFromCheckpointAsync(month, assignment, waiting, cancellationToken);
                    _state = PartitionState.Completed;
                    return;
                }
                catch (Exception e) when (StorageFaults.IsOutage(e) && !cancellationToken.IsCancellationRequested)
                {
                    retry.Outage.ReportFailure(waiting, e);
                    _lastError = $"waiting for the store: {e.Message}";
                }
                await retry.WaitAsync(outageFailures, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _state = PartitionState.Stopped;
        }
        catch (Exception e)
        {
            // Any other failure ends this attempt only: the coordinator restarts the partition from its
            // checkpoint, and gives the run up once the partition keeps failing.
            _failures++;
            _lastError = e.Message;
            _state = PartitionState.Failed;
            logger.PartitionFailed(e, assignment.Month, assignment.Partition, _failures);
        }
        finally
        {
            retry.Outage.ReportSuccess(waiting);
        }
    }

    private async Task SettleFromCheckpointAsync(BillingMonth month, PartitionAssignment assignment, object waiting, CancellationToken cancellationToken)
    {
        var checkpoint = (await runs.GetCheckpointsAsync(month, cancellationToken))
            .FirstOrDefault(c => c.Partition == assignment.Partition)
            ?? throw new InvalidOperationException($"Partition {assignment.Month}/{assignment.Partition} has no checkpoint; the coordinator plans partitions before starting them.");
        if (retry.Outage.IsOn)
        {
            // The store answered again: this partition no longer holds the outage open.
            retry.Outage.ReportSuccess(waiting);
            _lastError = null;
        }
        _committedUserId = checkpoint.CommittedUserId;
        _billsWritten = checkpoint.BillsWritten;
        var publisher = new BillEventPublisher(
            this.GetStreamProvider(Constants.BillingStreamProvider), assignment.Month, assignment.Partition, _options.EventBatchSize);
        await RepublishUnmarkedAsync(month, assignment, publisher, cancellationToken);
        _eventsPublished = _billsWritten;
        if (!checkpoint.Completed)
        {
            await SettleRemainingChunksAsync(month, assignment, publisher, cancellationToken);
            await runs.CompletePartitionAsync(month, assignment.Partition, cancellationToken);
        }
    }

    private async Task SettleRemainingChunksAsync(
        BillingMonth month, PartitionAssignment assignment, BillEventPublisher publisher, CancellationToken cancellationToken)
    {
        var catalog = await source.GetCatalogAsync(cancellationToken);
        await using var settler = new ChunkSettler(
            source, bills, new BillPricing(catalog, _options.Terms), SettlementWindow.For(month, _options.Zone),
            assignment.Partition, _committedUserId, assignment.LastUserId, assignment.ChunkSize, cancellationToken);
        while (await Task.Run(settler.NextAsync, cancellationToken) is { } chunk)
        {
            _committedUserId = chunk.LastUserId;
            _billsWritten += chunk.Bills.Count;
            metrics.ChunkWritten(month, chunk.Bills.Count);
            await publisher.PublishAsync(chunk.Bills.Select(BillHeader.Of).ToList());
            await Task.Run(() => bills.MarkEventsPublishedAsync(month, chunk.AfterUserId, chunk.LastUserId, time.GetUtcNow().UtcDateTime, cancellationToken), cancellationToken);
            _eventsPublished += chunk.Bills.Count;
        }
    }

    // A crash between a chunk's commit and its events being marked leaves bills without their event:
    // publish them again (consumers are idempotent on the event id) before settling further.
    private async Task RepublishUnmarkedAsync(
        BillingMonth month, PartitionAssignment assignment, BillEventPublisher publisher, CancellationToken cancellationToken)
    {
        var total = 0;
        var after = assignment.AfterUserId;
        while (after < _committedUserId)
        {
            var unmarked = await bills.ReadUnpublishedAsync(month, after, _committedUserId, assignment.ChunkSize, cancellationToken);
            if (unmarked.Count == 0)
            {
                break;
            }
            await publisher.PublishAsync(unmarked);
            var last = unmarked[^1].UserId;
            await bills.MarkEventsPublishedAsync(month, after, last, time.GetUtcNow().UtcDateTime, cancellationToken);
            total += unmarked.Count;
            after = last;
        }
        if (total > 0)
        {
            logger.EventsRepublished(assignment.Month, assignment.Partition, total);
        }
    }
}
