using Microsoft.Extensions.Logging;

namespace BillForU.Channels.RateLimiting;

internal sealed class RateLimitedEmailSender(IEmailSender inner, double permitsPerSecond, TimeSpan callTimeout, ILogger<RateLimitedEmailSender> logger)
    : RateLimitedChannelSender(inner, permitsPerSecond, callTimeout, logger), IEmailSender;
