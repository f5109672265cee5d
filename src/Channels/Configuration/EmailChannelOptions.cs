namespace BillForU.Channels.Configuration;

public sealed class EmailChannelOptions
{
    /// <summary>
    /// Emails handed to the relay (or the outbox) per second; sends beyond it queue rather than fail, so a burst such
    /// as the 08:00 quiet-hour release goes out smoothly. Null: no limit.
    /// </summary>
    public double? PermitsPerSecond { get; set; }

    /// <summary>
    /// Outbox mode: at most this many <c>.eml</c> files per process; further notices are summarised as lines of
    /// <c>email.jsonl</c> (masked address). Null: an <c>.eml</c> file for every notice.
    /// </summary>
    public int? OutboxEmlFileLimit { get; set; }
}
