using BillForU.Domain.Customers;

namespace BillForU.Admin.Contracts;

/// <summary>A channel's system quiet window; also the body of <c>PUT /api/policies/{channel}</c>.</summary>
public sealed record PolicyItem(bool QuietEnabled, TimeOnly QuietStart, TimeOnly QuietEnd)
{
    public static PolicyItem Of(MessagePolicy p) => new(p.QuietEnabled, p.QuietWindow.Start, p.QuietWindow.End);

    public MessagePolicy ToPolicy(Channel channel) => new(channel, QuietEnabled, new TimeWindow(QuietStart, QuietEnd));

    public void Validate(ApiErrors errors)
    {
        if (QuietStart == QuietEnd)
        {
            errors.Add("quietEnd", "The quiet window is empty: quietEnd must differ from quietStart (21:00–08:00 spans midnight).");
        }
    }
}
