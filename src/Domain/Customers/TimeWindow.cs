namespace BillForU.Domain.Customers;

/// <summary>A daily window in local time; when <see cref="End"/> is not after <see cref="Start"/> it spans midnight (22:00–08:00).</summary>
public sealed record TimeWindow(TimeOnly Start, TimeOnly End)
{
    public bool SpansMidnight => End <= Start;

    public bool Contains(TimeOnly time) => SpansMidnight ? time >= Start || time < End : time >= Start && time < End;

    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
