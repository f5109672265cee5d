namespace BillForU.Admin.Contracts;

/// <summary>The paging parameters every list takes: <c>after</c> (a keyset cursor, exclusive) and <c>limit</c>.</summary>
public sealed record PageQuery(long? After, int? Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public long AfterOrStart => After ?? 0;

    public int LimitOrDefault => Limit ?? DefaultLimit;

    public void Validate(ApiErrors errors)
    {
        if (Limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"limit must be between 1 and {MaxLimit}.");
        }
        if (After is < 0)
        {
            errors.Add("after", "after must not be negative.");
        }
    }
}
