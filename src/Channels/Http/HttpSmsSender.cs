using BillForU.Channels.Configuration;
using BillForU.Channels.Templates;
using BillForU.Domain.Customers;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Http;

/// <summary>SMS over the HTTP provider: <c>{to, text}</c> with the month, total and due date.</summary>
internal sealed class HttpSmsSender(IHttpClientFactory clients, HttpProviderOptions options, ILogger<HttpSmsSender> logger)
    : HttpChannelSender(clients, ClientName, options, logger), ISmsSender
{
    public const string ClientName = "BillForU.Channels.Sms";

    public override Channel Channel => Channel.Sms;

    protected override HttpContent Body(BillNotice notice, string address) =>
        JsonBody.Create(new SmsRequest(address, ShortNoticeTemplate.SmsText(notice)), ChannelJsonContext.Default.SmsRequest);
}
