using System.Security.Cryptography;
using System.Text;

namespace BillForU.Admin.Auth;

/// <summary>
/// The configured credentials, kept as SHA-256 digests and compared in fixed time, so neither a memory dump
/// nor response timing gives a secret away.
/// </summary>
public sealed class AdminCredentialStore(IReadOnlyList<AdminCredential> keys, IReadOnlyList<AdminCredential> tokens)
{
    private readonly Entry[] _keys = keys.Select(Entry.Of).ToArray();
    private readonly Entry[] _tokens = tokens.Select(Entry.Of).ToArray();

    public (string Name, string Role)? FindKey(string secret) => Find(_keys, secret);

    public (string Name, string Role)? FindToken(string secret) => Find(_tokens, secret);

    private static (string Name, string Role)? Find(Entry[] entries, string secret)
    {
        var digest = DigestOf(secret);
        (string, string)? found = null;
        // Every entry is compared, so the time taken does not tell which one (or whether one) matched.
        foreach (var entry in entries)
        {
            if (CryptographicOperations.FixedTimeEquals(entry.Digest, digest))
            {
                found = (entry.Name, entry.Role);
            }
        }
        return found;
    }

    private static byte[] DigestOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private sealed record Entry(string Name, string Role, byte[] Digest)
    {
        public static Entry Of(AdminCredential credential) => new(credential.Name, credential.Role, DigestOf(credential.Secret));
    }
}
