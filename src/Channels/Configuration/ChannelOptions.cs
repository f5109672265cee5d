namespace BillForU.Channels.Configuration;

/// <summary>
/// How notices leave the system (section <c>BillForU:Channels</c>). <see cref="ChannelMode.Outbox"/> writes them to files
/// so a run can be inspected; <see cref="ChannelMode.Live"/> sends them over SMTP and HTTP and then needs
/// <c>Smtp:Host</c>, <c>Sms:Endpoint</c> and <c>Push:Endpoint</c>. A channel's own <c>Mode</c> (<c>Email:Mode</c>,
/// <c>Sms:Mode</c>, <c>Push:Mode</c>) overrides the default for that channel alone, and only its Live settings are then required.
/// </summary>
public sealed class ChannelOptions
{
    public const string Section = "BillForU:Channels";

    /// <summary>Default outbox folder: the <c>outbox</c> folder of the default data folder.</summary>
    public const string DefaultOutboxDirectory = "data/outbox";

    public ChannelMode Mode { get; set; } = ChannelMode.Outbox;

    /// <summary>Outbox mode: <c>email/*.eml</c>, <c>email.jsonl</c>, <c>sms.jsonl</c> and <c>push.jsonl</c> go here.</summary>
    public string OutboxDirectory { get; set; } = DefaultOutboxDirectory;

    public EmailChannelOptions Email { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public HttpProviderOptions Sms { get; set; } = new();

    public HttpProviderOptions Push { get; set; } = new();

    public ChannelMode EmailMode => Email.Mode ?? Mode;

    public ChannelMode SmsMode => Sms.Mode ?? Mode;

    public ChannelMode PushMode => Push.Mode ?? Mode;
}
