using BillForU.Domain.Security;
using BillForU.Hosting.Configuration;

namespace BillForU.Hosting.Security;

/// <summary>
/// Finds the contact-protection keys: environment/configuration first, then a configured key file;
/// the embedded mode falls back to a local key file it creates on first run, the cluster mode refuses to start.
/// </summary>
public static class PiiKeyRingLoader
{
    public const string LocalKeyFileName = "pii-keys.json";

    public static async Task<PiiKeyRing> LoadAsync(BillForUOptions options, CancellationToken cancellationToken)
    {
        var pii = options.Pii;
        try
        {
            if (!string.IsNullOrWhiteSpace(pii.Keys))
            {
                return FromSettings(pii);
            }
            if (!string.IsNullOrWhiteSpace(pii.KeyFile))
            {
                if (!File.Exists(pii.KeyFile))
                {
                    throw new BillForUConfigurationException($"The PII key file '{pii.KeyFile}' (BillForU:Pii:KeyFile) does not exist.");
                }
                return (await PiiKeyFile.ReadAsync(pii.KeyFile, cancellationToken)).ToKeyRing();
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new BillForUConfigurationException($"The PII keys are not valid: {e.Message}");
        }

        if (options.Mode == BillForUMode.Cluster)
        {
            throw new BillForUConfigurationException(
                "Cluster mode needs the contact-protection keys and found none: set BillForU__Pii__Keys (id:base64 of 32 bytes, comma-separated) "
                + "with BillForU__Pii__HashKey, or BillForU__Pii__KeyFile pointing at a secrets file. Keys never live in git.");
        }
        return await LocalKeyRingAsync(options.DataDirectory, cancellationToken);
    }

    private static PiiKeyRing FromSettings(PiiOptions pii)
    {
        if (string.IsNullOrWhiteSpace(pii.HashKey))
        {
            throw new BillForUConfigurationException("BillForU:Pii:Keys is set but BillForU:Pii:HashKey (the lookup-hash key, base64) is missing.");
        }
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? last = null;
        foreach (var entry in pii.Keys!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = entry.IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new BillForUConfigurationException($"BillForU:Pii:Keys entry '{entry[..Math.Min(entry.Length, 4)]}…' is not of the form id:base64.");
            }
            last = entry[..separator];
            keys[last] = Convert.FromBase64String(entry[(separator + 1)..]);
        }
        return new PiiKeyRing(pii.ActiveKeyId ?? last!, keys, Convert.FromBase64String(pii.HashKey));
    }

    private static async Task<PiiKeyRing> LocalKeyRingAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDirectory, LocalKeyFileName);
        if (!File.Exists(path))
        {
            await PiiKeyFile.Generate().WriteNewAsync(path, cancellationToken);
        }
        return (await PiiKeyFile.ReadAsync(path, cancellationToken)).ToKeyRing();
    }
}
