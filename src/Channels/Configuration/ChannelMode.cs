namespace BillForU.Channels.Configuration;

public enum ChannelMode
{
    /// <summary>Notices are written to files under <see cref="ChannelOptions.OutboxDirectory"/> (the embedded default).</summary>
    Outbox = 0,

    /// <summary>Notices go to the SMTP relay and the HTTP SMS/push providers.</summary>
    Live = 1,
}
