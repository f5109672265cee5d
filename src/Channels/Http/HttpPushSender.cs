using BillForU.Channels.Configuration;
using BillForU.Channels.Templates;
using BillForU.Domain.Customers;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Http;

/// <summary>Push over the HTTP provider: <c>{userId, title, body, billId}</c>; the address is the user id.</summary>
internal sealed class HttpPushSender(IHttpClientFactory clients, HttpProviderOptions options, ILogger<HttpPushSender> logger)
    : HttpChannelSender(clients, ClientName, options, logger), IPushSender
{
    public const string ClientName = "BillForU.Channels.Push";

    public override Channel Channel => Channel.Push;

    protected override HttpContent Body(BillNotice notice, string address) =>
        JsonBody.Create(
            new PushRequest(address, ShortNoticeTemplate.PushTitle(notice), ShortNoticeTemplate.PushBody(notice), notice.BillId),
            ChannelJsonContext.Default.PushRequest);
}
