using BillForU.Domain.Notifications;
using BillForU.Channels.Configuration;
using BillForU.Channels.Email;
using BillForU.Channels.Extensions;
using BillForU.Channels.Http;
using BillForU.Channels.Outbox;
using BillForU.Channels.RateLimiting;
using BillForU.Channels.Tests.Support;
using BillForU.Domain.Customers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BillForU.Channels.Tests;

public sealed class RegistrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "billforu-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Outbox_is_the_default_and_every_channel_has_a_sender()
    {
        await using var services = ChannelServices.Build(o => o.OutboxDirectory = _directory);

        var senders = services.GetRequiredService<ChannelSenders>();

        Assert.IsType<EmlOutboxEmailSender>(senders.For(Channel.Email));
        Assert.IsType<SmsOutboxSender>(senders.For(Channel.Sms));
        Assert.IsType<PushOutboxSender>(senders.For(Channel.Push));
        Assert.Equal([Channel.Email, Channel.Sms, Channel.Push], services.GetServices<IChannelSender>().Select(s => s.Channel));
        Assert.Same(services.GetRequiredService<ISmsSender>(), senders[Channel.Sms]);
    }

    [Fact]
    public async Task Live_mode_uses_smtp_and_http_and_wraps_rate_limited_channels()
    {
        await using var services = ChannelServices.Build(ChannelServices.Live(more: o => o.Sms.PermitsPerSecond = 50));

        Assert.IsType<SmtpEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.IsType<RateLimitedSmsSender>(services.GetRequiredService<ISmsSender>());
        Assert.Equal(Channel.Sms, services.GetRequiredService<ISmsSender>().Channel);
        Assert.IsType<HttpPushSender>(services.GetRequiredService<IPushSender>());
    }

    [Fact]
    public async Task A_channel_can_go_live_alone_and_only_its_live_settings_are_required()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BillForU:Channels:OutboxDirectory"] = _directory,
            ["BillForU:Channels:Email:Mode"] = "Live",
            ["BillForU:Channels:Smtp:Host"] = "smtp.example.com",
        }).Build();
        await using var services = new ServiceCollection().AddNotificationChannels(configuration.GetSection(ChannelOptions.Section)).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<ChannelOptions>>().Value;

        Assert.True(new ChannelOptionsValidator().Validate(null, options).Succeeded);
        Assert.IsType<SmtpEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.IsType<SmsOutboxSender>(services.GetRequiredService<ISmsSender>());
        Assert.IsType<PushOutboxSender>(services.GetRequiredService<IPushSender>());
    }

    [Fact]
    public void A_live_channel_in_an_outbox_default_still_needs_its_provider()
    {
        var options = new ChannelOptions { OutboxDirectory = _directory };
        options.Sms.Mode = ChannelMode.Live;

        var result = new ChannelOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("BillForU:Channels:Sms:Endpoint", result.FailureMessage);
        Assert.DoesNotContain("Smtp:Host", result.FailureMessage);
    }

    [Fact]
    public void Configuration_section_binds_every_option()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BillForU:Channels:Mode"] = "Live",
            ["BillForU:Channels:Smtp:Host"] = "smtp.example.com",
            ["BillForU:Channels:Smtp:Port"] = "465",
            ["BillForU:Channels:Smtp:Security"] = "SslOnConnect",
            ["BillForU:Channels:Smtp:UserName"] = "billing",
            ["BillForU:Channels:Smtp:Password"] = "pw",
            ["BillForU:Channels:Smtp:PoolSize"] = "8",
            ["BillForU:Channels:Smtp:DisablePipelining"] = "true",
            ["BillForU:Channels:Sms:Endpoint"] = "https://sms.example.com/send",
            ["BillForU:Channels:Sms:Timeout"] = "00:00:03",
            ["BillForU:Channels:Sms:PermitsPerSecond"] = "200",
            ["BillForU:Channels:Push:Endpoint"] = "https://push.example.com/send",
            ["BillForU:Channels:Email:PermitsPerSecond"] = "100",
        }).Build();
        var services = new ServiceCollection().AddNotificationChannels(configuration.GetSection(ChannelOptions.Section));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ChannelOptions>>().Value;

        Assert.Equal(ChannelMode.Live, options.Mode);
        Assert.Equal(("smtp.example.com", 465, SmtpSecurity.SslOnConnect, 8, true), (options.Smtp.Host, options.Smtp.Port, options.Smtp.Security, options.Smtp.PoolSize, options.Smtp.DisablePipelining));
        Assert.Equal(TimeSpan.FromSeconds(3), options.Sms.Timeout);
        Assert.Equal(200, options.Sms.PermitsPerSecond);
        Assert.Equal(100, options.Email.PermitsPerSecond);
    }

    [Fact]
    public async Task Host_start_fails_naming_the_missing_smtp_host_in_live_mode()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNotificationChannels(o =>
        {
            o.Mode = ChannelMode.Live;
            o.Sms.Endpoint = "https://sms.example.com/send";
            o.Push.Endpoint = "https://push.example.com/send";
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("BillForU:Channels:Smtp:Host is required when email is Live", error.Message);
        Assert.Contains("BillForU__Channels__Smtp__Host", error.Message);
    }

    [Theory]
    [InlineData("Sms:Endpoint")]
    [InlineData("Push:Endpoint")]
    [InlineData("Smtp:Password")]
    [InlineData("Smtp:PoolSize")]
    [InlineData("Sms:MaxConnections")]
    [InlineData("Email:PermitsPerSecond")]
    public void Validator_names_each_wrong_setting(string key)
    {
        var options = new ChannelOptions { Mode = ChannelMode.Live };
        options.Smtp.Host = "smtp.example.com";
        options.Sms.Endpoint = "https://sms.example.com/send";
        options.Push.Endpoint = "https://push.example.com/send";
        Action<ChannelOptions> breakIt = key switch
        {
            "Sms:Endpoint" => o => o.Sms.Endpoint = "not a uri",
            "Push:Endpoint" => o => o.Push.Endpoint = null,
            "Smtp:Password" => o => o.Smtp.UserName = "billing",
            "Smtp:PoolSize" => o => o.Smtp.PoolSize = 0,
            "Sms:MaxConnections" => o => o.Sms.MaxConnections = 0,
            _ => o => o.Email.PermitsPerSecond = 0,
        };
        var validator = new ChannelOptionsValidator();
        Assert.True(validator.Validate(null, options).Succeeded);

        breakIt(options);
        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"BillForU:Channels:{key}", result.FailureMessage);
    }

    [Fact]
    public void Outbox_mode_needs_no_provider_settings()
    {
        Assert.True(new ChannelOptionsValidator().Validate(null, new ChannelOptions()).Succeeded);
    }

    [Fact]
    public void Two_senders_for_one_channel_are_refused()
    {
        var sms = new ChannelServicesTestSender(Channel.Sms);

        var error = Assert.Throws<InvalidOperationException>(() => new ChannelSenders([sms, sms]));

        Assert.Contains("Two Sms senders", error.Message);
    }

    private sealed class ChannelServicesTestSender(Channel channel) : IChannelSender
    {
        public Channel Channel => channel;

        public Task<SendResult> SendAsync(BillNotice notice, string address, CancellationToken cancellationToken) =>
            Task.FromResult(SendResult.Sent(notice.NotificationId));
    }
}
