using Microsoft.Extensions.Logging;

namespace BillForU.Channels.RateLimiting;

internal sealed class RateLimitedEmailSender(IEmailSender inner, double permitsPerSecond, ILogger<RateLimitedEmailSender> logger)
    : RateLimitedChannelSender(inner, permitsPerSecond, logger), IEmailSender;
