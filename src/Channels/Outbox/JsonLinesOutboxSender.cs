using BillForU.Domain.Notifications;
using BillForU.Channels.Logging;
using BillForU.Domain.Customers;
using BillForU.Domain.Security;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Outbox;

/// <summary>A channel whose "provider" is a JSON-lines file in the outbox folder: the embedded default for SMS and push.</summary>
internal abstract class JsonLinesOutboxSender : IChannelSender, IAsyncDisposable
{
    private readonly JsonLinesOutbox _outbox;
    private readonly string _fileName;
    private readonly ILogger _logger;

    protected JsonLinesOutboxSender(string outboxDirectory, string fileName, TimeProvider time, ILogger logger)
    {
        _fileName = fileName;
        _outbox = new JsonLinesOutbox(Path.Combine(outboxDirectory, fileName), logger);
        Time = time;
        _logger = logger;
    }

    public abstract Channel Channel { get; }

    protected TimeProvider Time { get; }

    public async Task<SendResult> SendAsync(BillNotice notice, string address, CancellationToken cancellationToken)
    {
        var masked = ContactMasking.MaskFor(Channel, address);
        try
        {
            await _outbox.AppendAsync(Line(notice, masked), cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Threading.Channels.ChannelClosedException)
        {
            var failure = SendResult.Retry($"The {_fileName} outbox could not be written: {e.Message}");
            _logger.NotSent(Channel, notice.NotificationId, masked, failure.Outcome, failure.Error!);
            return failure;
        }
        var id = $"{_fileName}#{notice.NotificationId}";
        _logger.Accepted(Channel, notice.NotificationId, masked, id);
        return SendResult.Sent(id);
    }

    public ValueTask DisposeAsync() => _outbox.DisposeAsync();

    /// <summary>The line to append; it is handed the masked address only.</summary>
    protected abstract OutboxLine Line(BillNotice notice, string maskedAddress);
}
