namespace BillForU.Domain.Security;

/// <summary>Column names used as AES-GCM associated data; changing one makes its stored values unreadable.</summary>
public static class ContactColumns
{
    public const string Email = "email_cipher";
    public const string Phone = "phone_cipher";
}
