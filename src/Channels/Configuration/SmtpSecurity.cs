namespace BillForU.Channels.Configuration;

public enum SmtpSecurity
{
    /// <summary>Plain SMTP: a local relay or a test capture only.</summary>
    None = 0,

    /// <summary>Connect in plain text and upgrade with STARTTLS, which the server must offer (submission, port 587).</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (SMTPS, port 465).</summary>
    SslOnConnect = 2,
}
