namespace BillForU.TestSupport;

/// <summary>One message accepted by <see cref="SmtpCapture"/>: its Message-ID without angle brackets, its To header and its subject (as sent, encoded words included).</summary>
public sealed record CapturedEmail(string MessageId, string To, string Subject);
