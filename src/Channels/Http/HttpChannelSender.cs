using BillForU.Domain.Notifications;
using System.Net;
using System.Text.Json;
using BillForU.Channels.Configuration;
using BillForU.Channels.Logging;
using BillForU.Domain.Customers;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BillForU.Channels.Http;

/// <summary>
/// POSTs one notice as JSON to an HTTP provider, once: the grain owns retries, so this maps the answer to an outcome
/// and never repeats the request itself. 2xx is <see cref="SendOutcome.Sent"/>; 429, 408, 5xx, timeouts, network errors
/// and an open circuit are <see cref="SendOutcome.RetryLater"/> (with the provider's <c>Retry-After</c>); any other 4xx
/// is <see cref="SendOutcome.Failed"/>. The response body is never quoted: a provider may echo the phone number.
/// </summary>
internal abstract class HttpChannelSender(
    IHttpClientFactory clients, string clientName, HttpProviderOptions options, ILogger logger) : IChannelSender
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Where a provider that answers without a JSON <c>id</c> may put its message id instead.</summary>
    public const string MessageIdHeader = "X-Message-Id";

    private readonly Uri _endpoint = new(options.Endpoint ?? throw new ArgumentException("The provider endpoint is required.", nameof(options)));

    public abstract Channel Channel { get; }

    public async Task<SendResult> SendAsync(BillNotice notice, string address, CancellationToken cancellationToken)
    {
        var result = await PostAsync(notice, address, cancellationToken);
        logger.Outcome(Channel, notice.NotificationId, address, result);
        return result;
    }

    protected abstract HttpContent Body(BillNotice notice, string address);

    private async Task<SendResult> PostAsync(BillNotice notice, string address, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = Body(notice, address) };
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, notice.NotificationId);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.TryAddWithoutValidation(options.ApiKeyHeader, options.ApiKey);
        }
        try
        {
            using var response = await clients.CreateClient(clientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await ResultAsync(response, notice, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return SendResult.Retry($"{Channel} provider unreachable ({e.HttpRequestError}).");
        }
        catch (TimeoutRejectedException)
        {
            return SendResult.Retry($"{Channel} provider did not answer within {options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (BrokenCircuitException)
        {
            return SendResult.Retry($"{Channel} provider circuit is open after repeated failures.");
        }
    }

    private async Task<SendResult> ResultAsync(HttpResponseMessage response, BillNotice notice, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var error = $"{Channel} provider answered HTTP {status} {response.ReasonPhrase}.";
        if (response.IsSuccessStatusCode)
        {
            // Without an id from the provider the idempotency key is the only handle on the message.
            return SendResult.Sent(await MessageIdAsync(response, cancellationToken) ?? notice.NotificationId);
        }
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500)
        {
            // An HTTP-date Retry-After is the provider's wall clock, so it is compared with ours, not with an injected one.
            return SendResult.Retry(error, RetryAfterHeader.Wait(response.Headers, DateTimeOffset.UtcNow));
        }
        return SendResult.Failed(error);
    }

    /// <summary>The JSON <c>id</c> (string or number), else <see cref="MessageIdHeader"/>; a 2xx with an unreadable body is still accepted.</summary>
    private static async Task<string?> MessageIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                return id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText();
            }
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException)
        {
            // Accepted is accepted: the header (or the idempotency key) identifies the message instead.
        }
        return response.Headers.TryGetValues(MessageIdHeader, out var values) ? values.FirstOrDefault() : null;
    }
}
