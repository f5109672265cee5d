namespace BillForU.Hosting.Configuration;

/// <summary>The configuration cannot work; the message names the setting and how to provide it.</summary>
public sealed class BillForUConfigurationException(string message) : Exception(message);
