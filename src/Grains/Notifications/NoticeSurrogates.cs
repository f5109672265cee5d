using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Grains.Notifications;

// The notice lifecycle lives in Domain, which knows nothing of Orleans: these surrogates give its types their wire and
// storage form inside a notification's persisted state.

[GenerateSerializer, Alias("BillForU.Notice")]
public struct NoticeSurrogate
{
    [Id(0)] public List<NoticeDelivery> Deliveries;
    [Id(1)] public int Current;
    [Id(2)] public bool NoUsableChannel;
}

[RegisterConverter]
public sealed class NoticeSurrogateConverter : IConverter<Notice, NoticeSurrogate>
{
    public Notice ConvertFromSurrogate(in NoticeSurrogate surrogate) => new(surrogate.Deliveries ?? [], surrogate.Current, surrogate.NoUsableChannel);

    public NoticeSurrogate ConvertToSurrogate(in Notice value) =>
        new() { Deliveries = value.Deliveries, Current = value.Current, NoUsableChannel = value.NoUsableChannel };
}

[GenerateSerializer, Alias("BillForU.NoticeDelivery")]
public struct NoticeDeliverySurrogate
{
    [Id(0)] public Channel Channel;
    [Id(1)] public NotificationStatus Status;
    [Id(2)] public int Attempts;
    [Id(3)] public string? LastError;
    [Id(4)] public DateTime? NextAttemptAt;
    [Id(5)] public DateTime? SentAt;
    [Id(6)] public string? ProviderMessageId;
    [Id(7)] public TimeOnly? QuietStart;
    [Id(8)] public TimeOnly? QuietEnd;
}

[RegisterConverter]
public sealed class NoticeDeliverySurrogateConverter : IConverter<NoticeDelivery, NoticeDeliverySurrogate>
{
    public NoticeDelivery ConvertFromSurrogate(in NoticeDeliverySurrogate surrogate) => new()
    {
        Channel = surrogate.Channel,
        Status = surrogate.Status,
        Attempts = surrogate.Attempts,
        LastError = surrogate.LastError,
        NextAttemptAt = surrogate.NextAttemptAt,
        SentAt = surrogate.SentAt,
        ProviderMessageId = surrogate.ProviderMessageId,
        QuietStart = surrogate.QuietStart,
        QuietEnd = surrogate.QuietEnd,
    };

    public NoticeDeliverySurrogate ConvertToSurrogate(in NoticeDelivery value) => new()
    {
        Channel = value.Channel,
        Status = value.Status,
        Attempts = value.Attempts,
        LastError = value.LastError,
        NextAttemptAt = value.NextAttemptAt,
        SentAt = value.SentAt,
        ProviderMessageId = value.ProviderMessageId,
        QuietStart = value.QuietStart,
        QuietEnd = value.QuietEnd,
    };
}
