using System.Security.Cryptography;
using BillForU.Domain.Security;

namespace BillForU.Admin.Contracts;

/// <summary>A recipient's contacts as the API shows them: decrypted only to be masked (design §6).</summary>
public sealed record ContactView(string Email, string Phone)
{
    private const string Unreadable = "****";

    public static ContactView Of(ContactCipher cipher, string? emailCipher, string? phoneCipher) => new(
        Mask(cipher, emailCipher, ContactColumns.Email, ContactMasking.MaskEmail),
        Mask(cipher, phoneCipher, ContactColumns.Phone, ContactMasking.MaskPhone));

    private static string Mask(ContactCipher cipher, string? stored, string column, Func<string, string> mask)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return string.Empty;
        }
        try
        {
            return mask(cipher.Decrypt(stored, column));
        }
        catch (CryptographicException)
        {
            // A value under a key this process does not hold: show that there is a contact, not the failure.
            return Unreadable;
        }
    }
}
