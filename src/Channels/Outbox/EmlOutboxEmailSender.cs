using BillForU.Domain.Notifications;
using System.Buffers;
using BillForU.Channels.Email;
using BillForU.Channels.Logging;
using BillForU.Domain.Customers;
using BillForU.Domain.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace BillForU.Channels.Outbox;

/// <summary>
/// Email into <c>email/{NotificationId}.eml</c>: the exact message the relay would get. The file is named by the
/// notification id and moved in whole (<see cref="EmlOutboxFolder"/>), so a reader never sees half a message and a
/// notice sent again keeps its first file, as a relay keeps one message per Message-ID. Past
/// <c>Email:OutboxEmlFileLimit</c> new notices become lines of <c>email.jsonl</c>, once per notice as well.
/// </summary>
internal sealed class EmlOutboxEmailSender : IEmailSender, IAsyncDisposable
{
    public const string EmailFolder = "email";

    public const string SummaryFileName = "email.jsonl";

    // A bill notice renders to ~2–3 KB (HTML and text as 8bit UTF-8, a base64 word for the Korean in the subject).
    private const int RenderedSizeHint = 8 * 1024;

    private static readonly SearchValues<char> InvalidFileNameChars = SearchValues.Create(Path.GetInvalidFileNameChars());

    private readonly EmlOutboxFolder _folder;
    private readonly int _limit;
    private readonly bool _summaryExisted;
    private readonly BillNoticeMessage _messages;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lazy<JsonLinesOutbox> _summary;
    private readonly Lazy<HashSet<string>> _files;
    private readonly Lock _routing = new();
    private int _written;

    public EmlOutboxEmailSender(string outboxDirectory, int emlFileLimit, BillNoticeMessage messages, TimeProvider time, ILogger<EmlOutboxEmailSender> logger)
    {
        _folder = new EmlOutboxFolder(Path.GetFullPath(Path.Combine(outboxDirectory, EmailFolder)), logger);
        _limit = emlFileLimit;
        var summaryPath = Path.Combine(outboxDirectory, SummaryFileName);
        // An earlier run past its limit may have summarised a notice this run would otherwise give a file.
        _summaryExisted = File.Exists(summaryPath);
        _messages = messages;
        _time = time;
        _logger = logger;
        // Opened on first use: below the limit there is no summary file at all.
        _summary = new(() => new JsonLinesOutbox(summaryPath, logger));
        // The folder is listed once, on the first send, rather than a file looked up per send: past the limit every
        // send asks whether its notice already has a file. The same pass removes a crashed run's temporaries.
        _files = new(() => _folder.Start(listFiles: _limit != int.MaxValue));
    }

    public Channel Channel => Channel.Email;

    public async Task<SendResult> SendAsync(BillNotice notice, string address, CancellationToken cancellationToken)
    {
        var masked = ContactMasking.MaskEmail(address);
        var result = await WriteAsync(notice, address, masked, cancellationToken);
        if (result.Outcome == SendOutcome.Sent)
        {
            _logger.Accepted(Channel, notice.NotificationId, masked, result.ProviderMessageId!);
        }
        else
        {
            _logger.NotSent(Channel, notice.NotificationId, masked, result.Outcome, result.Error!);
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_summary.IsValueCreated)
        {
            await _summary.Value.DisposeAsync();
        }
    }

    private async Task<SendResult> WriteAsync(BillNotice notice, string address, string masked, CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(address, out var to))
        {
            return SendResult.Failed("The email address is not valid.");
        }
        var fileName = FileName(notice.NotificationId);
        var summarised = SendResult.Sent($"{SummaryFileName}#{notice.NotificationId}");
        try
        {
            if (OverLimit(fileName))
            {
                await _summary.Value.AppendAsync(SummaryLine(notice, masked), cancellationToken);
                return summarised;
            }
            if (_summaryExisted && await _summary.Value.ContainsAsync(notice.NotificationId, cancellationToken))
            {
                return summarised;
            }
            using var message = _messages.Rent(notice, to);
            // A file already there is this notice sent before: it is kept as it is, not written again.
            if (!File.Exists(_folder.PathOf(fileName)))
            {
                await WriteFileAsync(message.Message, fileName, cancellationToken);
            }
            return SendResult.Sent($"<{message.Message.MessageId}>");
        }
        catch (IOException e)
        {
            return SendResult.Retry($"The email outbox could not be written: {e.Message}");
        }
    }

    /// <summary>
    /// Whether a notice goes to <c>email.jsonl</c>. The choice is made once per notice under a lock, so two sends of
    /// one notice at the limit cannot end up one in each; a notice with a file keeps going to its file.
    /// </summary>
    private bool OverLimit(string fileName)
    {
        var files = _files.Value;
        if (_limit == int.MaxValue)
        {
            return false;
        }
        lock (_routing)
        {
            if (files.Contains(fileName))
            {
                return false;
            }
            if (_written == _limit)
            {
                _logger.EmlLimitReached(_limit, _summary.Value.Path);
            }
            if (_written >= _limit)
            {
                // Counted past the limit only to log once.
                _written = _limit + 1;
                return true;
            }
            _written++;
            files.Add(fileName);
            return false;
        }
    }

    private async Task WriteFileAsync(MimeMessage message, string fileName, CancellationToken cancellationToken)
    {
        // Rendered in memory first: MimeKit writes in many small pieces, which through an async file stream cost
        // more than the file itself (~1.9k files/s that way against ~4k/s rendering first, on 2 cores).
        using var rendered = new MemoryStream(RenderedSizeHint);
        message.WriteTo(rendered, cancellationToken);
        await _folder.TryWriteAsync(fileName, rendered.GetBuffer().AsMemory(0, (int)rendered.Length), cancellationToken);
    }

    private OutboxLine SummaryLine(BillNotice notice, string masked) =>
        new(notice.NotificationId, "email", notice.BillId, notice.UserId, notice.BillingMonth, notice.TotalAmount, notice.DueDate, _time.GetUtcNow(),
            To: masked, Subject: BillNoticeTemplate.Subject(notice));

    /// <summary>Notification ids are <c>{billId}-{channel}</c>; anything a file system would choke on is replaced anyway.</summary>
    private static string FileName(string notificationId) =>
        notificationId.AsSpan().ContainsAny(InvalidFileNameChars)
            ? string.Concat(notificationId.Select(c => InvalidFileNameChars.Contains(c) ? '_' : c)) + ".eml"
            : notificationId + ".eml";
}
