namespace BillForU.Admin.Auth;

/// <summary>
/// The <c>BillForU:Admin</c> section: API keys (header <c>X-Api-Key</c>) and static bearer tokens, each with a role.
/// From the environment (<c>BillForU__Admin__Keys__0__Secret</c>, <c>…__Role</c>) or a secrets file, never from git.
/// </summary>
public sealed class AdminAuthOptions
{
    public const string Section = "BillForU:Admin";

    public List<AdminCredential> Keys { get; set; } = [];

    public List<AdminCredential> Tokens { get; set; } = [];

    /// <summary>A JSON file of keys (the embedded mode creates <c>admin-keys.json</c> in the data folder when none are configured).</summary>
    public string? KeyFile { get; set; }
}
