namespace BillForU.Channels.Configuration;

/// <summary>An HTTP SMS or push provider of <see cref="ChannelMode.Live"/>, and the channel's rate limit in either mode.</summary>
public sealed class HttpProviderOptions
{
    public const string DefaultApiKeyHeader = "X-Api-Key";

    public const int DefaultMaxConnections = 128;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Absolute http(s) URI that notices are POSTed to. Required in Live mode.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Secret sent in <see cref="ApiKeyHeader"/> when set: from the environment or a secrets file; never logged.</summary>
    public string? ApiKey { get; set; }

    public string ApiKeyHeader { get; set; } = DefaultApiKeyHeader;

    /// <summary>How long one request may take before it counts as a transient failure.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// Open connections to the provider at most. Without a cap a release of thousands of deferred notices opens a socket
    /// each (and can exhaust ephemeral ports); beyond it requests wait for a connection, within <see cref="Timeout"/>.
    /// </summary>
    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary>Messages per second; sends beyond it queue rather than fail. Null: no limit.</summary>
    public double? PermitsPerSecond { get; set; }

    /// <summary>This channel's mode when it differs from <see cref="ChannelOptions.Mode"/>.</summary>
    public ChannelMode? Mode { get; set; }
}
