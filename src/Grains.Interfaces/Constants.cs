namespace BillForU.Grains.Interfaces;

/// <summary>Names shared by the silo, the clients and the grains.</summary>
public static class Constants
{
    /// <summary>The stream provider that carries bill events from settlement to notification.</summary>
    public const string BillingStreamProvider = "billing-streams";

    /// <summary>Stream namespace of bill events (design §3); stream ids are <c>{month}/{partition}</c>.</summary>
    public const string BillingStreamNamespace = "billing";

    public const string GrainStorage = "grain-state";

    /// <summary>Pub-sub bookkeeping of persistent streams; Orleans looks the store up by this name.</summary>
    public const string PubSubStorage = "PubSubStore";
}
