namespace BillForU.Channels.Configuration;

/// <summary>The SMTP relay of <see cref="ChannelMode.Live"/>, and the sender address of every email (outbox included).</summary>
public sealed class SmtpOptions
{
    public const int DefaultPort = 587;

    public const int DefaultPoolSize = 4;

    public const string DefaultFromAddress = "billing@billforu.local";

    public const string DefaultFromName = "BillForU";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Required in Live mode.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = DefaultPort;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Authenticate as this user when set (then <see cref="Password"/> is required).</summary>
    public string? UserName { get; set; }

    /// <summary>Secret: from the environment or a secrets file, never from git; never logged or put in a message.</summary>
    public string? Password { get; set; }

    public string FromAddress { get; set; } = DefaultFromAddress;

    public string FromName { get; set; } = DefaultFromName;

    /// <summary>Connected, authenticated clients kept for reuse; also the most sends in flight at once.</summary>
    public int PoolSize { get; set; } = DefaultPoolSize;

    /// <summary>
    /// How long connecting (greeting, STARTTLS, EHLO) and signing in may take. A message exchange ends when its send's
    /// cancellation token fires (the notification grain's <c>SendTimeout</c>), or after this when the caller gives none.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// Do not pipeline commands even when the server offers it. The in-process test capture (SmtpServer 11) advertises
    /// PIPELINING but stalls on pipelined commands, so the tests set this.
    /// </summary>
    public bool DisablePipelining { get; set; }
}
