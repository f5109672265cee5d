using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace BillForU.Streaming.Kafka.Clients;

/// <summary>Maps librdkafka's syslog levels onto Microsoft.Extensions.Logging levels.</summary>
internal static class KafkaLogLevels
{
    public static LogLevel ToLogLevel(this LogMessage message) =>
        (LogLevel)message.LevelAs(LogLevelType.MicrosoftExtensionsLogging);
}
