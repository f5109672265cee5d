namespace BillForU.Admin.Contracts;

/// <param name="Hour">Start of the UTC hour.</param>
/// <param name="Failed">Attempts that failed for good on a channel, dead-lettered ones included.</param>
/// <param name="Retried">Attempts that failed and will be tried again.</param>
/// <param name="Deferred">Sends put off by quiet hours.</param>
public sealed record HourlyPoint(DateTime Hour, long Sent, long Failed, long Retried, long Deferred);
