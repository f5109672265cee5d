using BillForU.Storage.Outages;

namespace BillForU.Grains.Tests.Outages;

public sealed class StorageRetryOptionsValidatorTests
{
    private readonly StorageRetryOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid() => Assert.True(_validator.Validate(null, new StorageRetryOptions()).Succeeded);

    [Fact]
    public void A_first_wait_of_zero_is_refused_by_name()
    {
        var result = _validator.Validate(null, new StorageRetryOptions { InitialDelay = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("BillForU:StorageRetry:InitialDelay", result.FailureMessage);
    }

    [Fact]
    public void A_cap_below_the_first_wait_is_refused_by_name()
    {
        var result = _validator.Validate(null, new StorageRetryOptions { InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(1) });

        Assert.True(result.Failed);
        Assert.Contains("MaxDelay", result.FailureMessage);
    }
}
