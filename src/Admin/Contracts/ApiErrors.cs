using BillForU.Domain.Billing;
using BillForU.Domain.Customers;

namespace BillForU.Admin.Contracts;

/// <summary>Collects validation errors per field, for one RFC 7807 validation problem.</summary>
public sealed class ApiErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "The request is not valid");

    public BillingMonth Month(string text)
    {
        if (BillingMonth.TryParse(text, out var month))
        {
            return month;
        }
        Add("month", $"'{text}' is not a billing month: expected yyyy-MM with a month from 01 to 12, e.g. 2026-10.");
        return default;
    }

    /// <summary>A channel by name (email, sms, push), never by number.</summary>
    public Channel Channel(string text)
    {
        if (!int.TryParse(text, out _) && Enum.TryParse<Channel>(text, ignoreCase: true, out var channel) && Enum.IsDefined(channel))
        {
            return channel;
        }
        Add("channel", $"'{text}' is not a channel: expected one of {string.Join(", ", Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant()))}.");
        return default;
    }
}
