using System.Security.Cryptography;
using System.Text;

namespace BillForU.Domain.Security;

/// <summary>
/// AES-256-GCM for contact columns (design §6): a fresh 12-byte nonce per value, a 128-bit tag,
/// the column name as associated data (a cipher text moved to another column fails to decrypt),
/// stored as <c>keyId:base64(nonce‖cipher‖tag)</c>.
/// </summary>
public sealed class ContactCipher(PiiKeyRing keys)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    // An AesGcm is a native cipher context: creating one per value was a tenth of a notice's decryption cost. One
    // instance may not be used by two threads at once, so each thread keeps its own per key.
    private readonly ThreadLocal<Dictionary<string, AesGcm>> _contexts = new(() => new Dictionary<string, AesGcm>(StringComparer.Ordinal));

    public string Encrypt(string plaintext, string column)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var payload = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = payload.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        Context(keys.ActiveKeyId, keys.ActiveKey).Encrypt(nonce, plain, payload.AsSpan(NonceBytes, plain.Length), payload.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(column));
        return keys.ActiveKeyId + ":" + Convert.ToBase64String(payload);
    }

    /// <exception cref="CryptographicException">The value was tampered with, belongs to another column, or its key is unknown or wrong.</exception>
    public string Decrypt(string stored, string column)
    {
        var separator = stored.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new CryptographicException("The stored value has no key id prefix.");
        }
        var keyId = stored[..separator];
        if (!keys.TryGetKey(keyId, out var key))
        {
            throw new CryptographicException($"The value was encrypted with key '{keyId}', which is not configured.");
        }
        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(stored[(separator + 1)..]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The stored value is not valid base64.", e);
        }
        if (payload.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The stored value is too short to be an AES-GCM cipher text.");
        }
        var cipherLength = payload.Length - NonceBytes - TagBytes;
        var plain = new byte[cipherLength];
        Context(keyId, key).Decrypt(
            payload.AsSpan(0, NonceBytes),
            payload.AsSpan(NonceBytes, cipherLength),
            payload.AsSpan(NonceBytes + cipherLength),
            plain,
            Encoding.UTF8.GetBytes(column));
        return Encoding.UTF8.GetString(plain);
    }

    private AesGcm Context(string keyId, byte[] key)
    {
        var contexts = _contexts.Value!;
        if (!contexts.TryGetValue(keyId, out var context))
        {
            context = new AesGcm(key, TagBytes);
            contexts[keyId] = context;
        }
        return context;
    }
}
