using System.Security.Cryptography;
using BillForU.Hosting.Security;

namespace BillForU.Admin.Auth;

/// <summary>The embedded mode's local key file: an operator and a reader key, readable by its owner only.</summary>
public sealed record AdminKeyFile(List<AdminCredential> Keys)
{
    public const string LocalFileName = "admin-keys.json";

    public static AdminKeyFile Generate() => new(
    [
        new AdminCredential { Name = "local-operator", Secret = NewSecret(), Role = AdminRoles.Operator },
        new AdminCredential { Name = "local-reader", Secret = NewSecret(), Role = AdminRoles.Reader },
    ]);

    public static Task<AdminKeyFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        SecretFile.ReadAsync<AdminKeyFile>(path, cancellationToken);

    /// <summary>Fails rather than overwrite an existing key file.</summary>
    public Task WriteNewAsync(string path, CancellationToken cancellationToken) => SecretFile.WriteNewAsync(path, this, cancellationToken);

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
