namespace BillForU.Admin.Auth;

/// <summary>One API key or bearer token and the role it grants.</summary>
public sealed class AdminCredential
{
    /// <summary>Shown as the caller's name; never the secret.</summary>
    public string Name { get; set; } = "";

    public string Secret { get; set; } = "";

    public string Role { get; set; } = AdminRoles.Reader;
}
