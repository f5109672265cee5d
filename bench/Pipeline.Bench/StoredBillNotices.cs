namespace BillForU.Pipeline.Bench;

/// <summary>A replay of stored bills to notices: how many events went out, and when publishing, taking and logging ended.</summary>
public sealed record StoredBillNotices(long Published, TimeSpan PublishedAt, TimeSpan Accepted, TimeSpan Logged);
