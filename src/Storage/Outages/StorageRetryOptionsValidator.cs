using Microsoft.Extensions.Options;

namespace BillForU.Storage.Outages;

public sealed class StorageRetryOptionsValidator : IValidateOptions<StorageRetryOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageRetryOptions options)
    {
        if (options.InitialDelay <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{StorageRetryOptions.Section}:{nameof(StorageRetryOptions.InitialDelay)} must be positive, not {options.InitialDelay}.");
        }
        if (options.MaxDelay < options.InitialDelay)
        {
            return ValidateOptionsResult.Fail(
                $"{StorageRetryOptions.Section}:{nameof(StorageRetryOptions.MaxDelay)} ({options.MaxDelay}) must be at least {nameof(StorageRetryOptions.InitialDelay)} ({options.InitialDelay}).");
        }
        return ValidateOptionsResult.Success;
    }
}
