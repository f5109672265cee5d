using System.Security.Cryptography;
using System.Text.Json;

namespace BillForU.AdminApi.Auth;

/// <summary>The embedded mode's local key file: an operator and a reader key, readable by its owner only.</summary>
public sealed record AdminKeyFile(List<AdminCredential> Keys)
{
    public const string LocalFileName = "admin-keys.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static AdminKeyFile Generate() => new(
    [
        new AdminCredential { Name = "local-operator", Secret = NewSecret(), Role = AdminRoles.Operator },
        new AdminCredential { Name = "local-reader", Secret = NewSecret(), Role = AdminRoles.Reader },
    ]);

    public static async Task<AdminKeyFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<AdminKeyFile>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"The key file {path} is empty.");
    }

    /// <summary>Fails rather than overwrite an existing key file.</summary>
    public async Task WriteNewAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var stream = new FileStream(path, options);
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
