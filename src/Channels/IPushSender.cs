namespace BillForU.Channels;

/// <summary>Push: the address is the user id, which the push provider maps to the user's devices.</summary>
public interface IPushSender : IChannelSender;
