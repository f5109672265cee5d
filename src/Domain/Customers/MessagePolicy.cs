namespace BillForU.Domain.Customers;

/// <summary>The system quiet window of a channel, applied when the user has none of their own.</summary>
public sealed record MessagePolicy(Channel Channel, bool QuietEnabled, TimeWindow QuietWindow);
