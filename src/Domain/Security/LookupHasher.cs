using System.Security.Cryptography;
using System.Text;

namespace BillForU.Domain.Security;

/// <summary>
/// HMAC-SHA256 of a normalised contact, so a user can be found by email or phone without decrypting
/// every row, while the hash alone reveals nothing without the key.
/// </summary>
public sealed class LookupHasher(PiiKeyRing keys)
{
    public byte[] HashEmail(string email) => Hash(email.Trim().ToLowerInvariant());

    public byte[] HashPhone(string phone) => Hash(new string(phone.Where(char.IsAsciiDigit).ToArray()));

    private byte[] Hash(string normalised) => HMACSHA256.HashData(keys.HashKey, Encoding.UTF8.GetBytes(normalised));
}
