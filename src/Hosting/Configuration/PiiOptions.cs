namespace BillForU.Hosting.Configuration;

/// <summary>
/// Where the contact-protection keys come from: <see cref="Keys"/> (+ <see cref="HashKey"/>) from the
/// environment, or a secrets file. Never from a file in git.
/// </summary>
public sealed class PiiOptions
{
    /// <summary>Encryption keys as <c>id:base64,id:base64</c> (32-byte keys). Env: <c>BillForU__Pii__Keys</c>.</summary>
    public string? Keys { get; set; }

    /// <summary>The key id that encrypts new values; default: the last of <see cref="Keys"/>.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Base64 HMAC key (≥ 32 bytes) of the lookup hashes. Env: <c>BillForU__Pii__HashKey</c>.</summary>
    public string? HashKey { get; set; }

    /// <summary>A JSON secrets file with the keys (the embedded mode creates one under the data folder).</summary>
    public string? KeyFile { get; set; }
}
