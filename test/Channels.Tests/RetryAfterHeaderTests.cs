using BillForU.Channels.Http;

namespace BillForU.Channels.Tests;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("120", 120)]
    [InlineData("0", 0)]
    [InlineData("Mon, 02 Nov 2026 08:00:30 GMT", 30)]
    [InlineData("Mon, 02 Nov 2026 07:59:00 GMT", 0)]
    public void Seconds_or_http_date_become_a_wait_from_now(string header, int seconds)
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Wait(response.Headers, Now));
    }

    [Fact]
    public void No_header_is_no_wait()
    {
        using var response = new HttpResponseMessage();

        Assert.Null(RetryAfterHeader.Wait(response.Headers, Now));
    }

    [Fact]
    public void Unparseable_header_is_no_wait()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", "soon");

        Assert.Null(RetryAfterHeader.Wait(response.Headers, Now));
    }
}
