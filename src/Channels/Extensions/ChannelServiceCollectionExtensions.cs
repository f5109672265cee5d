using BillForU.Channels.Configuration;
using BillForU.Channels.Email;
using BillForU.Channels.Http;
using BillForU.Channels.Outbox;
using BillForU.Channels.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace BillForU.Channels.Extensions;

public static class ChannelServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmailSender"/>, <see cref="ISmsSender"/>, <see cref="IPushSender"/> (each also as an
    /// <see cref="IChannelSender"/>) and <see cref="ChannelSenders"/>, bound to <paramref name="section"/>
    /// (normally <c>configuration.GetSection(ChannelOptions.Section)</c>) and validated at start.
    /// </summary>
    public static IServiceCollection AddNotificationChannels(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ChannelOptions>().Bind(section);
        return services.AddChannelSenders();
    }

    /// <summary>As <see cref="AddNotificationChannels(IServiceCollection, IConfiguration)"/>, with options set in code.</summary>
    public static IServiceCollection AddNotificationChannels(this IServiceCollection services, Action<ChannelOptions> configure)
    {
        services.AddOptions<ChannelOptions>().Configure(configure);
        return services.AddChannelSenders();
    }

    private static IServiceCollection AddChannelSenders(this IServiceCollection services)
    {
        services.AddLogging();
        services.AddOptions<ChannelOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelOptions>, ChannelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Both implementations of each channel are registered; the mode picks one when the channel is first resolved,
        // so the other is never built (no outbox files in Live mode, no SMTP session in Outbox mode).
        services.TryAddSingleton(sp => new BillNoticeMessage(Options(sp).Smtp, Time(sp)));
        services.TryAddSingleton(sp => new SmtpConnectionPool(Options(sp).Smtp, Time(sp), Logger<SmtpConnectionPool>(sp)));
        services.TryAddSingleton<SmtpEmailSender>();
        services.TryAddSingleton(sp => new EmlOutboxEmailSender(
            Options(sp).OutboxDirectory, Options(sp).Email.OutboxEmlFileLimit, sp.GetRequiredService<BillNoticeMessage>(), Time(sp), Logger<EmlOutboxEmailSender>(sp)));
        services.TryAddSingleton(sp => new HttpSmsSender(sp.GetRequiredService<IHttpClientFactory>(), Options(sp).Sms, Logger<HttpSmsSender>(sp)));
        services.TryAddSingleton(sp => new HttpPushSender(sp.GetRequiredService<IHttpClientFactory>(), Options(sp).Push, Logger<HttpPushSender>(sp)));
        services.TryAddSingleton(sp => new SmsOutboxSender(Options(sp).OutboxDirectory, Time(sp), Logger<SmsOutboxSender>(sp)));
        services.TryAddSingleton(sp => new PushOutboxSender(Options(sp).OutboxDirectory, Time(sp), Logger<PushOutboxSender>(sp)));
        AddProviderClient(services, HttpSmsSender.ClientName, options => options.Sms);
        AddProviderClient(services, HttpPushSender.ClientName, options => options.Push);

        services.TryAddSingleton<IEmailSender>(sp =>
        {
            var options = Options(sp);
            IEmailSender sender = options.EmailMode == ChannelMode.Live ? sp.GetRequiredService<SmtpEmailSender>() : sp.GetRequiredService<EmlOutboxEmailSender>();
            return options.Email.PermitsPerSecond is { } permits ? new RateLimitedEmailSender(sender, permits, options.Smtp.Timeout, Logger<RateLimitedEmailSender>(sp)) : sender;
        });
        services.TryAddSingleton<ISmsSender>(sp =>
        {
            var options = Options(sp);
            ISmsSender sender = options.SmsMode == ChannelMode.Live ? sp.GetRequiredService<HttpSmsSender>() : sp.GetRequiredService<SmsOutboxSender>();
            return options.Sms.PermitsPerSecond is { } permits ? new RateLimitedSmsSender(sender, permits, options.Sms.Timeout, Logger<RateLimitedSmsSender>(sp)) : sender;
        });
        services.TryAddSingleton<IPushSender>(sp =>
        {
            var options = Options(sp);
            IPushSender sender = options.PushMode == ChannelMode.Live ? sp.GetRequiredService<HttpPushSender>() : sp.GetRequiredService<PushOutboxSender>();
            return options.Push.PermitsPerSecond is { } permits ? new RateLimitedPushSender(sender, permits, options.Push.Timeout, Logger<RateLimitedPushSender>(sp)) : sender;
        });
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<IEmailSender>());
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<ISmsSender>());
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<IPushSender>());
        services.TryAddSingleton<ChannelSenders>();
        return services;
    }

    /// <summary>
    /// The provider's HTTP client: a timeout inside a circuit breaker, and deliberately no retry. The notification grain
    /// owns retries (backoff with jitter, quiet hours, Retry-After, fallback to another channel, the delivery log); a
    /// retry here would multiply sends behind its back, swallow a 429's Retry-After, and spend the grain's send timeout
    /// on waits it cannot see. With a single attempt, an attempt timeout and a total timeout are the same timeout.
    /// The factory's per-request log lines are removed: outcomes are logged by the sender, masked, at Debug.
    /// </summary>
    private static void AddProviderClient(IServiceCollection services, string name, Func<ChannelOptions, HttpProviderOptions> provider) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                MaxConnectionsPerServer = provider(Options(sp)).MaxConnections,
            })
            .RemoveAllLoggers()
            .AddResilienceHandler("provider", (pipeline, context) =>
            {
                var options = provider(context.GetOptions<ChannelOptions>());
                // Network waits run on the real clock. The pipeline would otherwise take the container's TimeProvider,
                // and under a test's fake clock a hung provider never times out.
                pipeline.TimeProvider = TimeProvider.System;
                pipeline
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions())
                    .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.Timeout });
            });

    private static ChannelOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<ChannelOptions>>().Value;

    private static TimeProvider Time(IServiceProvider services) => services.GetRequiredService<TimeProvider>();

    private static ILogger<T> Logger<T>(IServiceProvider services) => services.GetRequiredService<ILogger<T>>();
}
