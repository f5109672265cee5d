using BillForU.Domain.Notifications;
using BillForU.Domain.Customers;

namespace BillForU.Channels;

/// <summary>
/// Delivers a bill notice over one channel. The plaintext address exists only for the
/// duration of the call: implementations never log it unmasked and never keep it.
/// Implementations report provider failures as a <see cref="SendResult"/>, not as exceptions.
/// </summary>
public interface IChannelSender
{
    Channel Channel { get; }

    Task<SendResult> SendAsync(BillNotice notice, string address, CancellationToken cancellationToken);
}
