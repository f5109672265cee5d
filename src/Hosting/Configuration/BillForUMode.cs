namespace BillForU.Hosting.Configuration;

public enum BillForUMode
{
    /// <summary>One process, no services: localhost clustering, memory state and streams, SQLite, file outboxes.</summary>
    Embedded = 1,

    /// <summary>Several silos: Redis clustering, state and reminders; Kafka streams; MySQL.</summary>
    Cluster = 2,
}
