namespace BillForU.Domain.Security;

/// <summary>
/// The keys that protect contact data: AES-256 keys by key id (the newest encrypts, all decrypt,
/// so keys can rotate) and the HMAC key behind the lookup hashes.
/// </summary>
public sealed class PiiKeyRing
{
    public const int KeyBytes = 32;

    private readonly Dictionary<string, byte[]> _keys;

    public PiiKeyRing(string activeKeyId, IReadOnlyDictionary<string, byte[]> keys, byte[] hashKey)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException("At least one encryption key is required.", nameof(keys));
        }
        foreach (var (id, key) in keys)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Key id '{id}' is not valid: it must be non-empty and contain no ':'.", nameof(keys));
            }
            if (key.Length != KeyBytes)
            {
                throw new ArgumentException($"Key '{id}' has {key.Length} bytes; AES-256 needs {KeyBytes}.", nameof(keys));
            }
        }
        if (!keys.ContainsKey(activeKeyId))
        {
            throw new ArgumentException($"The active key id '{activeKeyId}' is not among the keys ({string.Join(", ", keys.Keys)}).", nameof(activeKeyId));
        }
        if (hashKey.Length < KeyBytes)
        {
            throw new ArgumentException($"The lookup-hash key has {hashKey.Length} bytes; at least {KeyBytes} are required.", nameof(hashKey));
        }
        ActiveKeyId = activeKeyId;
        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
        HashKey = hashKey.ToArray();
    }

    public string ActiveKeyId { get; }

    public byte[] HashKey { get; }

    public IEnumerable<string> KeyIds => _keys.Keys;

    public byte[] ActiveKey => _keys[ActiveKeyId];

    public bool TryGetKey(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);
}
