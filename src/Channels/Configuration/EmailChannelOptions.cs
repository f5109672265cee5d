namespace BillForU.Channels.Configuration;

public sealed class EmailChannelOptions
{
    /// <summary>
    /// Default <see cref="OutboxEmlFileLimit"/>. One <c>.eml</c> file costs a rendered MIME message and a file create: a
    /// few thousand per second on 2 cores, against the embedded run's target of 20,000 notices/s.
    /// </summary>
    public const int DefaultOutboxEmlFileLimit = 10_000;

    /// <summary>
    /// Emails handed to the relay (or the outbox) per second; sends beyond it queue rather than fail, so a burst such
    /// as the 08:00 quiet-hour release goes out smoothly. Null: no limit.
    /// </summary>
    public double? PermitsPerSecond { get; set; }

    /// <summary>This channel's mode when it differs from <see cref="ChannelOptions.Mode"/> (e.g. email to a relay, SMS to the outbox).</summary>
    public ChannelMode? Mode { get; set; }

    /// <summary>
    /// Outbox mode: at most this many new <c>.eml</c> files per process; further notices become lines of
    /// <c>email.jsonl</c> (masked address, subject, total). <see cref="int.MaxValue"/>: an <c>.eml</c> for every notice.
    /// </summary>
    public int OutboxEmlFileLimit { get; set; } = DefaultOutboxEmlFileLimit;
}
