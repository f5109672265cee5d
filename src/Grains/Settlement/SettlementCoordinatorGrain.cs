using BillForU.Domain.Billing;
using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.Storage;
using BillForU.Storage.Outages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillForU.Grains.Settlement;

/// <summary>
/// Drives one month's settlement. Run and checkpoints live in SQL; this activation only polls the
/// partitions and folds their progress into the run. A grain timer polls; a reminder brings the
/// coordinator back to finish the run if its silo dies. A poll that meets a store outage changes nothing and is
/// simply tried again on the next tick; the run's view falls back to the checkpoints last read.
/// </summary>
public sealed class SettlementCoordinatorGrain(
    IBillingDataSource source,
    ISettlementRunRepository runs,
    IOptions<SettlementOptions> options,
    TimeProvider time,
    SettlementMetrics metrics,
    ILogger<SettlementCoordinatorGrain> logger) : Grain, ISettlementCoordinatorGrain, IRemindable
{
    private const string WatchdogReminder = "settlement-watchdog";

    // Progress is for people watching; the checkpoints are what a resume needs, so the run row is
    // rewritten at this pace rather than on every poll.
    private static readonly TimeSpan SaveProgressEvery = TimeSpan.FromSeconds(2);

    private readonly SettlementOptions _options = options.Value;
    private BillingMonth _month;
    private SettlementRunRecord? _run;
    private PartitionAssignment[] _assignments = [];
    private readonly Dictionary<int, PartitionProgress> _progress = [];
    private IGrainTimer? _timer;
    private int _chunkSize;
    private DateTime _progressSavedAt;
    private bool _resumedOnActivation;
    private IReadOnlyList<PartitionCheckpoint> _checkpoints = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _month = BillingMonth.Parse(this.GetPrimaryKeyString());
        _run = await runs.GetLatestRunAsync(_month, cancellationToken);
        _chunkSize = _options.ChunkSize;
        if (_run is { IsActive: true })
        {
            // The run's previous driver is gone (process or silo stopped): carry on from the checkpoints.
            _resumedOnActivation = true;
            logger.RunResumed(_run.RunId, _month.ToString());
            await DriveAsync(cancellationToken);
        }
    }

    public async Task<StartSettlementResult> StartAsync(SettlementRequest request)
    {
        _chunkSize = request.ChunkSize ?? _options.ChunkSize;
        if (_run is { IsActive: true })
        {
            var outcome = _resumedOnActivation ? StartOutcome.Resumed : StartOutcome.AlreadyRunning;
            _resumedOnActivation = false;
            return new(outcome, await ViewAsync());
        }
        if (!request.Force && _run is { Status: SettlementRunStatus.Completed })
        {
            return new(StartOutcome.AlreadySettled, await ViewAsync());
        }
        if (!request.Force && _run is { Status: SettlementRunStatus.Failed or SettlementRunStatus.Cancelled })
        {
            _run = _run with { Status = SettlementRunStatus.Running, FinishedAt = null, Error = null };
            await runs.SaveRunAsync(_run, CancellationToken.None);
            logger.RunResumed(_run.RunId, _month.ToString());
            await DriveAsync(CancellationToken.None);
            return new(StartOutcome.Resumed, await ViewAsync());
        }

        if (_run is not null)
        {
            await runs.ResetMonthAsync(_month, CancellationToken.None);
        }
        var bounds = await source.GetUserIdBoundsAsync(CancellationToken.None);
        var plan = bounds is null
            ? []
            : UserIdRangeSplitter.Split(_month, bounds.MinUserId, bounds.MaxUserId, request.Partitions ?? _options.Partitions);
        await runs.InitCheckpointsAsync(plan, CancellationToken.None);
        _run = new SettlementRunRecord(
            Guid.NewGuid().ToString("N"), _month, SettlementRunStatus.Running, plan.Count, 0, 0, 0, Now, null, null);
        await runs.SaveRunAsync(_run, CancellationToken.None);
        logger.RunStarted(_run.RunId, _month.ToString(), plan.Count, bounds?.MinUserId ?? 0, bounds?.MaxUserId ?? 0);
        await DriveAsync(CancellationToken.None);
        return new(StartOutcome.Started, await ViewAsync());
    }

    public async Task<SettlementRunView?> GetStatusAsync() => _run is null ? null : await ViewAsync();

    public async Task<SettlementRunView?> CancelAsync()
    {
        if (_run is not { IsActive: true })
        {
            return null;
        }
        await StopDrivingAsync();
        await Task.WhenAll(_assignments.Select(a => Partition(a.Partition).StopAsync()));
        await FinishAsync(SettlementRunStatus.Cancelled, null);
        logger.RunCancelled(_run.RunId, _month.ToString());
        return await ViewAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_run is not { IsActive: true })
        {
            await StopDrivingAsync();
        }
        else if (_timer is null)
        {
            await DriveAsync(CancellationToken.None);
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private ISettlementPartitionGrain Partition(int partition) =>
        GrainFactory.GetGrain<ISettlementPartitionGrain>($"{_month}/{partition}");

    private async Task DriveAsync(CancellationToken cancellationToken)
    {
        var checkpoints = await runs.GetCheckpointsAsync(_month, cancellationToken);
        _assignments = checkpoints
            .Select(c => new PartitionAssignment(_run!.RunId, _month.ToString(), c.Partition, c.AfterUserId, c.LastUserId, _chunkSize))
            .ToArray();
        _progress.Clear();
        // A resumed run starts each partition with a clean failure count.
        await Task.WhenAll(_assignments.Select(a => Partition(a.Partition).StopAsync()));
        await this.RegisterOrUpdateReminder(WatchdogReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(
            PollAsync,
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = _options.PollInterval, KeepAlive = true });
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PollOnceAsync(cancellationToken);
        }
        catch (Exception e) when (StorageFaults.IsOutage(e) && !cancellationToken.IsCancellationRequested)
        {
            // The partitions wait the outage out (and the tracker says so); the run's row is written on a later tick.
            logger.PollMetOutage(_month.ToString(), e.Message);
        }
    }

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        if (_run is not { IsActive: true })
        {
            return;
        }
        await Task.WhenAll(_assignments.Select(PollPartitionAsync));

        var failed = _progress.Values.FirstOrDefault(p => p.State == PartitionState.Failed && p.Failures >= _options.MaxPartitionAttempts);
        var done = _progress.Values.Count(p => p.State == PartitionState.Completed);
        _run = _run with
        {
            PartitionsDone = done,
            BillsWritten = _progress.Values.Sum(p => p.BillsWritten),
            EventsPublished = _progress.Values.Sum(p => p.EventsPublished),
        };
        if (failed is not null)
        {
            await Task.WhenAll(_assignments.Select(a => Partition(a.Partition).StopAsync()));
            // Finished before the timer goes: should the store be down, the next tick drives the run on from its checkpoints.
            await FinishAsync(SettlementRunStatus.Failed, $"A partition failed {failed.Failures} times: {failed.LastError}");
            await StopDrivingAsync();
            logger.RunFailed(_run.RunId, _month.ToString(), _run.Error!);
        }
        else if (done == _assignments.Length)
        {
            // Finished first: should the store be down, the timer is still there to try again.
            await FinishAsync(SettlementRunStatus.Completed, null);
            await StopDrivingAsync();
            logger.RunCompleted(_run.RunId, _month.ToString(), _run.BillsWritten, _run.EventsPublished, (_run.FinishedAt!.Value - _run.StartedAt).TotalSeconds);
        }
        else if (Now - _progressSavedAt >= SaveProgressEvery)
        {
            _progressSavedAt = Now;
            await runs.SaveRunAsync(_run, cancellationToken);
        }
    }

    private async Task PollPartitionAsync(PartitionAssignment assignment)
    {
        try
        {
            _progress[assignment.Partition] = await Partition(assignment.Partition).EnsureRunningAsync(assignment);
        }
        catch (Exception e)
        {
            // The partition's silo may be gone; the next poll activates it elsewhere, from its checkpoint.
            logger.PartitionPollFailed(e, assignment.Month, assignment.Partition);
        }
    }

    private async Task FinishAsync(SettlementRunStatus status, string? error)
    {
        // The run ends in memory only once its row says so: a save that fails leaves it active, to be finished again.
        var finished = _run! with { Status = status, FinishedAt = Now, Error = error };
        await runs.SaveRunAsync(finished, CancellationToken.None);
        _run = finished;
        metrics.RunEnded(_month, status, finished.FinishedAt!.Value - finished.StartedAt);
    }

    private async Task StopDrivingAsync()
    {
        _timer?.Dispose();
        _timer = null;
        var reminder = await this.GetReminder(WatchdogReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<SettlementRunView> ViewAsync()
    {
        var run = _run!;
        try
        {
            _checkpoints = await runs.GetCheckpointsAsync(_month, CancellationToken.None);
        }
        catch (Exception e) when (StorageFaults.IsOutage(e) && _checkpoints.Count > 0)
        {
            // Watchers poll through an outage; the live progress below is newer than any checkpoint anyway.
        }
        var checkpoints = _checkpoints;
        long usersTotal = 0, usersDone = 0;
        foreach (var c in checkpoints)
        {
            usersTotal += c.LastUserId - c.AfterUserId;
            var committed = _progress.TryGetValue(c.Partition, out var live) ? Math.Max(live.CommittedUserId, c.CommittedUserId) : c.CommittedUserId;
            usersDone += committed - c.AfterUserId;
        }
        return new SettlementRunView(
            run.RunId, run.Month.ToString(), run.Status, run.PartitionsTotal, run.PartitionsDone,
            usersTotal, usersDone, run.BillsWritten, run.EventsPublished, run.StartedAt, run.FinishedAt, run.Error);
    }
}
