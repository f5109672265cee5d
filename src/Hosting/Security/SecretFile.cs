using System.Text.Json;

namespace BillForU.Hosting.Security;

/// <summary>A JSON file of secrets (keys, tokens): created readable by its owner only, never overwritten.</summary>
public static class SecretFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<T> ReadAsync<T>(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"The secrets file {path} is empty.");
    }

    /// <exception cref="IOException">The file already exists: a secrets file is never replaced behind an operator's back.</exception>
    public static async Task WriteNewAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var stream = new FileStream(path, options);
        await JsonSerializer.SerializeAsync(stream, value, Json, cancellationToken);
    }
}
