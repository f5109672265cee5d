namespace BillForU.Storage;

/// <summary>The database could not be reached or opened; the message says which and how it was addressed.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
