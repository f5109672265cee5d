namespace BillForU.Grains.Interfaces;

/// <summary>Names shared by the silo, the clients and the grains.</summary>
public static class Constants
{
    /// <summary>The stream provider that carries bill events from settlement to notification.</summary>
    public const string BillingStreamProvider = "billing-streams";

    /// <summary>Stream namespace of bill events (design §3); stream ids are <c>{month}/{partition}</c>.</summary>
    public const string BillingStreamNamespace = "billing";

    /// <summary>
    /// Request-context key the billing stream sets to <c>true</c> on a delivery that may repeat an earlier one (the Kafka
    /// provider: a record already in its partition when this silo took it, a retried delivery, or one back from the
    /// failover topic). A stream that can deliver an event again after a crash must mark such deliveries: an unmarked
    /// event's notice sends before its state is first written (see <c>NotificationOptions.WriteStateBeforeSend</c>).
    /// </summary>
    public const string RedeliveryContextKey = "billforu.may-be-redelivered";

    public const string GrainStorage = "grain-state";

    /// <summary>Pub-sub bookkeeping of persistent streams; Orleans looks the store up by this name.</summary>
    public const string PubSubStorage = "PubSubStore";
}
