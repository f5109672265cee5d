using System.Security.Cryptography;
using BillForU.Channels;
using BillForU.Domain.Billing;
using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Domain.Security;
using BillForU.Grains.Interfaces.Billing;
using BillForU.Grains.Interfaces.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillForU.Grains.Notifications;

/// <summary>
/// One send of a bill notice on one channel: the channel's sender, the contact decrypted only for the call, the
/// notice's id as the idempotency key, and the send deadline. Every failure comes back as a <see cref="SendResult"/>.
/// </summary>
public sealed class NoticeSender(
    IEnumerable<IChannelSender> senders,
    ContactCipher cipher,
    SendDeadlines deadlines,
    IOptions<NotificationOptions> options,
    ILogger<NoticeSender> logger)
{
    /// <param name="recipient">The user's contacts; null when the user no longer exists (push needs none).</param>
    public async Task<SendResult> SendAsync(BillEvent billEvent, NoticeDelivery delivery, RecipientSnapshot? recipient)
    {
        var sender = senders.FirstOrDefault(s => s.Channel == delivery.Channel);
        if (sender is null)
        {
            return SendResult.Failed($"No {delivery.Channel} sender is configured.");
        }
        string address;
        try
        {
            address = Address(delivery.Channel, billEvent.UserId, recipient);
        }
        catch (CryptographicException e)
        {
            logger.ContactUnreadable(billEvent.BillId, billEvent.UserId, delivery.Channel, e.Message);
            return SendResult.Failed($"The {delivery.Channel} contact cannot be decrypted: {e.Message}");
        }
        var lines = billEvent.Lines;
        var notice = new BillNotice(
            NotificationIds.For(billEvent.BillId, delivery.Channel), billEvent.BillId, billEvent.UserId, billEvent.BillingMonth,
            billEvent.TotalAmount, billEvent.IssuedAt, billEvent.DueDate,
            new BillTotals(lines.BaseFee, lines.AddonFee, lines.DeviceFee, lines.MicroPayment, lines.Discount, lines.Vat));
        var deadline = deadlines.Next();
        try
        {
            var result = await sender.SendAsync(notice, address, deadline);
            if (result.Outcome == SendOutcome.Sent && logger.IsEnabled(LogLevel.Debug))
            {
                logger.Sent(billEvent.BillId, delivery.Channel, ContactMasking.MaskFor(delivery.Channel, address), delivery.Attempts);
            }
            return result;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return SendResult.Retry($"The {delivery.Channel} provider did not answer within {options.Value.SendTimeout.TotalSeconds:F0} s.");
        }
    }

    private string Address(Channel channel, long userId, RecipientSnapshot? recipient)
    {
        if (channel == Channel.Push)
        {
            return userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (recipient is null)
        {
            throw new CryptographicException($"User {userId} no longer exists.");
        }
        return channel == Channel.Email
            ? cipher.Decrypt(recipient.EmailCipher ?? throw new CryptographicException("No email address."), ContactColumns.Email)
            : cipher.Decrypt(recipient.PhoneCipher ?? throw new CryptographicException("No phone number."), ContactColumns.Phone);
    }
}
