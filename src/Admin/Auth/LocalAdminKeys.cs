namespace BillForU.Admin.Auth;

/// <summary>The embedded mode's local key file, when the keys came from it, and its reader key: what a local run prints to open the dashboard with.</summary>
public sealed record LocalAdminKeys(string File, string ReaderKey);
