using Microsoft.Extensions.Options;
using MimeKit;

namespace BillForU.Channels.Configuration;

/// <summary>Fails start-up naming the configuration key that is missing or wrong, so a mode never starts half-configured.</summary>
internal sealed class ChannelOptionsValidator : IValidateOptions<ChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelOptions options)
    {
        var problems = new List<string>();
        void Require(bool condition, string key, string problem)
        {
            if (!condition)
            {
                problems.Add($"{ChannelOptions.Section}:{key} {problem} (environment: {ChannelOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__{key.Replace(":", "__", StringComparison.Ordinal)}).");
            }
        }

        Require(Enum.IsDefined(options.Mode), "Mode", "must be Outbox or Live");
        Require(options.Email.PermitsPerSecond is null or > 0, "Email:PermitsPerSecond", "must be positive when set");
        Require(options.Email.OutboxEmlFileLimit >= 0, "Email:OutboxEmlFileLimit", "must not be negative");
        Require(options.Sms.PermitsPerSecond is null or > 0, "Sms:PermitsPerSecond", "must be positive when set");
        Require(options.Push.PermitsPerSecond is null or > 0, "Push:PermitsPerSecond", "must be positive when set");
        Require(MailboxAddress.TryParse(options.Smtp.FromAddress, out _), "Smtp:FromAddress", "must be an email address");

        Require(options.Email.Mode is null || Enum.IsDefined(options.Email.Mode.Value), "Email:Mode", "must be Outbox or Live when set");
        Require(options.Sms.Mode is null || Enum.IsDefined(options.Sms.Mode.Value), "Sms:Mode", "must be Outbox or Live when set");
        Require(options.Push.Mode is null || Enum.IsDefined(options.Push.Mode.Value), "Push:Mode", "must be Outbox or Live when set");
        if (options.EmailMode == ChannelMode.Outbox || options.SmsMode == ChannelMode.Outbox || options.PushMode == ChannelMode.Outbox)
        {
            Require(!string.IsNullOrWhiteSpace(options.OutboxDirectory), "OutboxDirectory", "is required when a channel writes to the outbox");
        }
        if (options.EmailMode == ChannelMode.Live)
        {
            var smtp = options.Smtp;
            Require(!string.IsNullOrWhiteSpace(smtp.Host), "Smtp:Host", "is required when email is Live");
            Require(smtp.Port is > 0 and <= 65535, "Smtp:Port", "must be a TCP port (1-65535)");
            Require(Enum.IsDefined(smtp.Security), "Smtp:Security", "must be None, StartTls or SslOnConnect");
            Require(string.IsNullOrEmpty(smtp.UserName) || !string.IsNullOrEmpty(smtp.Password), "Smtp:Password", "is required when Smtp:UserName is set");
            Require(smtp.PoolSize >= 1, "Smtp:PoolSize", "must be at least 1");
            Require(smtp.Timeout > TimeSpan.Zero, "Smtp:Timeout", "must be positive");
        }
        if (options.SmsMode == ChannelMode.Live)
        {
            RequireProvider(options.Sms, "Sms", Require);
        }
        if (options.PushMode == ChannelMode.Live)
        {
            RequireProvider(options.Push, "Push", Require);
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void RequireProvider(HttpProviderOptions provider, string key, Action<bool, string, string> require)
    {
        require(
            Uri.TryCreate(provider.Endpoint, UriKind.Absolute, out var endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps),
            $"{key}:Endpoint",
            "is required when the channel is Live and must be an absolute http(s) URI");
        require(string.IsNullOrEmpty(provider.ApiKey) || !string.IsNullOrWhiteSpace(provider.ApiKeyHeader), $"{key}:ApiKeyHeader", "is required when an ApiKey is set");
        require(provider.Timeout > TimeSpan.Zero, $"{key}:Timeout", "must be positive");
        require(provider.MaxConnections >= 1, $"{key}:MaxConnections", "must be at least 1");
    }
}
