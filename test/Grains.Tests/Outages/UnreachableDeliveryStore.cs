using BillForU.Domain.Notifications;
using BillForU.Storage;
using BillForU.Storage.Notifications;

namespace BillForU.Grains.Tests.Outages;

/// <summary>A delivery store whose writes fail as an unreachable server does until <see cref="Up"/> is set.</summary>
public sealed class UnreachableDeliveryStore : IDeliveryStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(long, Domain.Customers.Channel), DeliveryState> _states = [];
    private readonly List<DeliveryAttempt> _attempts = [];

    public volatile bool Up;

    public int FailedWrites { get; private set; }

    public IReadOnlyCollection<DeliveryState> States
    {
        get
        {
            lock (_lock)
            {
                return [.. _states.Values];
            }
        }
    }

    public int AttemptCount
    {
        get
        {
            lock (_lock)
            {
                return _attempts.Count;
            }
        }
    }

    public Task UpsertStatesAsync(IReadOnlyList<DeliveryState> states, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ThrowUnlessUp();
            foreach (var state in states)
            {
                _states[(state.BillId, state.Channel)] = state;
            }
        }
        return Task.CompletedTask;
    }

    public Task AppendAttemptsAsync(IReadOnlyList<DeliveryAttempt> attempts, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ThrowUnlessUp();
            _attempts.AddRange(attempts);
        }
        return Task.CompletedTask;
    }

    private void ThrowUnlessUp()
    {
        if (!Up)
        {
            FailedWrites++;
            throw new StorageUnavailableException("Cannot reach MySQL at 127.0.0.1:3306: Connection refused");
        }
    }

    public Task<IReadOnlyList<DeliveryState>> GetStatesAsync(IReadOnlyCollection<long> billIds, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeliveryState>> ListByStatusAsync(NotificationStatus status, long afterBillId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeliveryState>> ListUnfinishedAsync(long afterBillId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeliveryState>> ListDueAsync(DateTime afterDue, long afterBillId, DateTime dueBy, DateTime writtenBefore, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<StatusCount>> CountByStatusAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<HourlyCount>> CountAttemptsPerHourAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(long billId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
