using BillForU.Channels.Configuration;
using BillForU.Channels.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Tests.Support;

/// <summary>The channels as the silo registers them, with every log line captured.</summary>
internal static class ChannelServices
{
    public static ServiceProvider Build(Action<ChannelOptions> configure, CapturedLogs? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddNotificationChannels(configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Live mode pointed at loopback test servers; each test overrides what it exercises.</summary>
    public static Action<ChannelOptions> Live(int smtpPort = 1, Uri? sms = null, Uri? push = null, Action<ChannelOptions>? more = null) => options =>
    {
        options.Mode = ChannelMode.Live;
        options.Smtp.Host = "127.0.0.1";
        options.Smtp.Port = smtpPort;
        options.Smtp.Security = SmtpSecurity.None;
        options.Smtp.DisablePipelining = true;
        options.Smtp.Timeout = TimeSpan.FromSeconds(5);
        options.Sms.Endpoint = (sms ?? new Uri("http://127.0.0.1:1/sms")).ToString();
        options.Push.Endpoint = (push ?? new Uri("http://127.0.0.1:1/push")).ToString();
        more?.Invoke(options);
    };
}
