namespace BillForU.Streaming.Kafka; internal static class Placeholder { }
