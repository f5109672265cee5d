using Microsoft.Extensions.Logging;

namespace BillForU.Channels.RateLimiting;

internal sealed class RateLimitedSmsSender(ISmsSender inner, double permitsPerSecond, TimeSpan callTimeout, ILogger<RateLimitedSmsSender> logger)
    : RateLimitedChannelSender(inner, permitsPerSecond, callTimeout, logger), ISmsSender;
