using System.Security.Cryptography;
using System.Text.Json;
using BillForU.Domain.Security;

namespace BillForU.Hosting.Security;

/// <summary>The JSON secrets file holding the contact-protection keys.</summary>
public sealed record PiiKeyFile(string ActiveKeyId, Dictionary<string, string> Keys, string HashKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public PiiKeyRing ToKeyRing() => new(
        ActiveKeyId,
        Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)),
        Convert.FromBase64String(HashKey));

    public static PiiKeyFile Generate() => new(
        "v1",
        new Dictionary<string, string> { ["v1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(PiiKeyRing.KeyBytes)) },
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(PiiKeyRing.KeyBytes)));

    public static async Task<PiiKeyFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<PiiKeyFile>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"The key file {path} is empty.");
    }

    /// <summary>Writes the file readable by its owner only; fails rather than overwrite an existing key file.</summary>
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
}
