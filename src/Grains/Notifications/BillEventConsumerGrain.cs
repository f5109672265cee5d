using BillForU.Grains.Interfaces;
using BillForU.Grains.Interfaces.Billing;
using BillForU.Grains.Interfaces.Notifications;
using BillForU.Storage.Notifications;
using BillForU.Storage.Outages;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace BillForU.Grains.Notifications;

/// <summary>
/// Consumes one settlement partition's bill stream and hands each bill to its <see cref="INotificationGrain"/>.
/// Recipients and any earlier delivery rows are read once per batch, so a million bills cost a few thousand
/// queries, not a million. Reads that meet a store outage are retried with backoff: the batch waits, unacknowledged,
/// rather than failing.
/// </summary>
[ImplicitStreamSubscription(Constants.BillingStreamNamespace)]
public sealed class BillEventConsumerGrain(IRecipientDirectory directory, IDeliveryStore deliveries, DeliveryLogWriter log, StorageRetry retry)
    : Grain, IBillEventConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<BillEventBatch>
{
    private NotificationGrainReferences? _notices;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<BillEventBatch>().ResumeAsync(this);

    public async Task OnNextAsync(BillEventBatch item, StreamSequenceToken? token = null)
    {
        // Unmarked, the batch is read for the first time (the billing stream marks every possible repeat).
        var mayBeRedelivered = RequestContext.Get(Constants.RedeliveryContextKey) is true;
        await log.WaitForRoomAsync();
        var events = item.Events;
        var userIds = events.Select(e => e.UserId).Distinct().ToArray();
        var billIds = events.Select(e => e.BillId).ToArray();
        var recipientsTask = Task.Run(() => retry.RunAsync(token => directory.GetRecipientsAsync(userIds, token), CancellationToken.None));
        var knownTask = Task.Run(() => retry.RunAsync(token => deliveries.GetStatesAsync(billIds, token), CancellationToken.None));
        var policiesTask = Task.Run(() => retry.RunAsync(token => directory.GetMessagePoliciesAsync(token), CancellationToken.None));
        var recipients = await recipientsTask;
        var known = (await knownTask).ToLookup(s => s.BillId);
        var windows = RecipientSnapshots.SystemWindows(await policiesTask);
        var missing = new RecipientSnapshot(0, null, null, [], windows);

        _notices ??= new NotificationGrainReferences(GrainFactory);
        await Task.WhenAll(events.Select(e => _notices.For(e.BillId).AcceptAsync(
            e,
            recipients.TryGetValue(e.UserId, out var recipient) ? recipient.ToSnapshot(windows) : missing with { UserId = e.UserId },
            known[e.BillId].Select(s => s.ToSnapshot()).ToArray(),
            mayBeRedelivered)));
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
