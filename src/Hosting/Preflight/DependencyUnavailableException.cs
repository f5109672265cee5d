namespace BillForU.Hosting.Preflight;

/// <summary>A service the silo needs (Redis, Kafka) does not answer: the operator's to fix, named in the message.</summary>
public sealed class DependencyUnavailableException(string message, Exception inner) : Exception(message, inner);
