using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Grains.Notifications;
using BillForU.Storage.Notifications;
using BillForU.Storage.Outages;
using Microsoft.Extensions.Options;

namespace BillForU.Grains.Tests.Outages;

/// <summary>Before: ten failed tries and the writer threw, which stopped the host and lost the batch.</summary>
public sealed class DeliveryLogWriterOutageTests : IAsyncLifetime
{
    // Above the writer's backlog limit (4 × 10,000), so intake must be held back while the store is down.
    private const int Records = 45_000;

    private readonly UnreachableDeliveryStore _store = new();
    private readonly CapturingLogger<StorageOutage> _outageLog = new();
    private readonly CapturingLogger<DeliveryLogWriter> _writerLog = new();
    private readonly StorageOutage _outage;
    private readonly DeliveryLogWriter _writer;

    public DeliveryLogWriterOutageTests()
    {
        _outage = new StorageOutage(TimeProvider.System, _outageLog);
        var retry = new StorageRetry(_outage, Options.Create(new StorageRetryOptions
        {
            InitialDelay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(50),
        }), TimeProvider.System);
        _writer = new DeliveryLogWriter(_store, retry, Options.Create(new NotificationOptions()), _writerLog);
    }

    public Task InitializeAsync() => _writer.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        _store.Up = true;
        await _writer.StopAsync(CancellationToken.None);
        _writer.Dispose();
    }

    [Fact]
    public async Task A_store_outage_is_waited_out_holding_back_intake_and_every_record_is_written_once_it_is_back()
    {
        for (var billId = 1; billId <= Records; billId++)
        {
            _writer.Record(State(billId), new DeliveryAttempt(billId, Channel.Email, 1, NotificationStatus.Sent, null, null, DateTime.UtcNow));
        }
        var written = _writer.WhenWrittenAsync();
        var room = _writer.WaitForRoomAsync().AsTask();

        await WaitUntilAsync(() => _store.FailedWrites >= 20, "the writer retried the failing batch");
        Assert.True(_outage.IsOn);
        Assert.True(_writer.WaitingForStore);
        Assert.False(room.IsCompleted, "intake must wait while the backlog cannot drain");
        Assert.False(written.IsCompleted);

        _store.Up = true;
        await written.WaitAsync(TimeSpan.FromSeconds(30));
        await room.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Records, _store.States.Count);
        Assert.Equal(Records, _store.AttemptCount);
        Assert.Equal(0, _writer.Pending);
        await WaitUntilAsync(() => !_outage.IsOn, "the outage ended");
        Assert.False(_writer.WaitingForStore);
        Assert.Equal(2, _outageLog.Lines.Count);
        Assert.All(_outageLog.Lines.Concat(_writerLog.Lines), line => Assert.False(line.HasException, line.Message));
    }

    private static DeliveryState State(long billId) =>
        new(billId, Channel.Email, billId, "2026-11", NotificationStatus.Sent, 1, null, null, DateTime.UtcNow, null, DateTime.UtcNow);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"timed out waiting until {what}");
            await Task.Delay(10);
        }
    }
}
