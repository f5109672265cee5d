using System.Collections;
using System.Diagnostics.CodeAnalysis;
using BillForU.Domain.Customers;

namespace BillForU.Channels;

/// <summary>The registered sender of each channel, looked up by <see cref="Channel"/>.</summary>
public sealed class ChannelSenders : IReadOnlyDictionary<Channel, IChannelSender>
{
    private readonly Dictionary<Channel, IChannelSender> _senders = [];

    public ChannelSenders(IEnumerable<IChannelSender> senders)
    {
        foreach (var sender in senders)
        {
            if (!_senders.TryAdd(sender.Channel, sender))
            {
                throw new InvalidOperationException(
                    $"Two {sender.Channel} senders are registered ({_senders[sender.Channel].GetType().Name} and {sender.GetType().Name}); a channel has one.");
            }
        }
    }

    public int Count => _senders.Count;

    public IEnumerable<Channel> Keys => _senders.Keys;

    public IEnumerable<IChannelSender> Values => _senders.Values;

    public IChannelSender this[Channel key] => For(key);

    /// <summary>The sender of <paramref name="channel"/>; throws when none is registered.</summary>
    public IChannelSender For(Channel channel) =>
        _senders.TryGetValue(channel, out var sender) ? sender : throw new KeyNotFoundException($"No {channel} sender is registered.");

    public bool ContainsKey(Channel key) => _senders.ContainsKey(key);

    public bool TryGetValue(Channel key, [MaybeNullWhen(false)] out IChannelSender value) => _senders.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<Channel, IChannelSender>> GetEnumerator() => _senders.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
