using BillForU.Storage;
using BillForU.Storage.Outages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BillForU.Grains.Tests.Outages;

public sealed class StorageOutageTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CapturingLogger<StorageOutage> _log = new();

    [Fact]
    public void An_outage_logs_one_warning_when_it_starts_and_one_with_its_length_when_it_ends()
    {
        var outage = new StorageOutage(_time, _log);
        var loop = new object();

        for (var i = 0; i < 50; i++)
        {
            outage.ReportFailure(loop, new StorageUnavailableException("Cannot reach MySQL at 127.0.0.1:3306", new InvalidOperationException("inner")));
            _time.Advance(TimeSpan.FromMilliseconds(400));
        }
        Assert.True(outage.IsOn);
        Assert.Contains("Cannot reach MySQL", outage.Reason);
        Assert.Equal(TimeSpan.FromSeconds(20), outage.Elapsed);
        outage.ReportSuccess(loop);

        Assert.False(outage.IsOn);
        Assert.Null(outage.Reason);
        Assert.Collection(_log.Lines,
            start => Assert.Equal((LogLevel.Warning, false, true), (start.Level, start.HasException, start.Message.Contains("Cannot reach MySQL", StringComparison.Ordinal))),
            end => Assert.Equal((LogLevel.Warning, false, true), (end.Level, end.HasException, end.Message.Contains("20.0 s", StringComparison.Ordinal))));
    }

    [Fact]
    public void One_loop_recovering_does_not_end_an_outage_another_still_waits_out()
    {
        var outage = new StorageOutage(_time, _log);
        var (writer, settlement) = (new object(), new object());

        outage.ReportFailure(writer, new TimeoutException("locked"));
        outage.ReportFailure(settlement, new TimeoutException("locked"));
        outage.ReportSuccess(writer);
        outage.ReportSuccess(new object());

        Assert.True(outage.IsOn);
        outage.ReportSuccess(settlement);
        Assert.False(outage.IsOn);
        Assert.Equal(2, _log.Lines.Count);
    }

    [Fact]
    public void A_success_without_an_outage_logs_nothing()
    {
        var outage = new StorageOutage(_time, _log);

        outage.ReportSuccess(new object());

        Assert.False(outage.IsOn);
        Assert.Empty(_log.Lines);
    }
}
