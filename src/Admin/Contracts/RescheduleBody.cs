namespace BillForU.Admin.Contracts;

/// <param name="AtUtc">When to send, as an ISO 8601 instant (e.g. <c>2026-12-01T00:00:00Z</c>).</param>
public sealed record RescheduleBody(DateTimeOffset AtUtc);
