using Microsoft.Extensions.Logging;

namespace BillForU.Channels.RateLimiting;

internal sealed class RateLimitedSmsSender(ISmsSender inner, double permitsPerSecond, ILogger<RateLimitedSmsSender> logger)
    : RateLimitedChannelSender(inner, permitsPerSecond, logger), ISmsSender;
