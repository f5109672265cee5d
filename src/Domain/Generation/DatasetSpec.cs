using BillForU.Domain.Billing;

namespace BillForU.Domain.Generation;

/// <summary>What a generated dataset is: the same spec always yields the same users and charges.</summary>
public sealed record DatasetSpec(long Seed, int Users, BillingMonth Month)
{
    public const int MaxUsers = 1_000_000;

    public static DatasetSpec Validated(long seed, int users, BillingMonth month)
    {
        if (users is < 0 or > MaxUsers)
        {
            throw new ArgumentOutOfRangeException(nameof(users), users, $"Users must be between 0 and {MaxUsers:N0}.");
        }
        return new DatasetSpec(seed, users, month);
    }
}
