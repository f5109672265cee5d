namespace BillForU.Channels;

/// <summary>Email: the address is an email address.</summary>
public interface IEmailSender : IChannelSender;
