using System.Net.Http.Headers;

namespace BillForU.Channels.Http;

/// <summary>A provider's <c>Retry-After</c>: seconds (<c>120</c>) or an HTTP date, as a wait from now.</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Wait(HttpResponseHeaders headers, DateTimeOffset now) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
