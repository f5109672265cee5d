using Microsoft.Extensions.Logging;

namespace BillForU.Channels.RateLimiting;

internal sealed class RateLimitedPushSender(IPushSender inner, double permitsPerSecond, ILogger<RateLimitedPushSender> logger)
    : RateLimitedChannelSender(inner, permitsPerSecond, logger), IPushSender;
