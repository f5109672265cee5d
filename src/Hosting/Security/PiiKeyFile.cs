using System.Security.Cryptography;
using BillForU.Domain.Security;

namespace BillForU.Hosting.Security;

/// <summary>The JSON secrets file holding the contact-protection keys.</summary>
public sealed record PiiKeyFile(string ActiveKeyId, Dictionary<string, string> Keys, string HashKey)
{
    public PiiKeyRing ToKeyRing() => new(
        ActiveKeyId,
        Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)),
        Convert.FromBase64String(HashKey));

    public static PiiKeyFile Generate() => new(
        "v1",
        new Dictionary<string, string> { ["v1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(PiiKeyRing.KeyBytes)) },
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(PiiKeyRing.KeyBytes)));

    public static Task<PiiKeyFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        SecretFile.ReadAsync<PiiKeyFile>(path, cancellationToken);

    public Task WriteNewAsync(string path, CancellationToken cancellationToken) => SecretFile.WriteNewAsync(path, this, cancellationToken);
}
