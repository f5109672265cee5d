namespace BillForU.Channels;

/// <summary>SMS: the address is a phone number.</summary>
public interface ISmsSender : IChannelSender;
