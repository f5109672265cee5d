using Microsoft.Extensions.Logging;

namespace BillForU.Channels.RateLimiting;

internal sealed class RateLimitedPushSender(IPushSender inner, double permitsPerSecond, TimeSpan callTimeout, ILogger<RateLimitedPushSender> logger)
    : RateLimitedChannelSender(inner, permitsPerSecond, callTimeout, logger), IPushSender;
