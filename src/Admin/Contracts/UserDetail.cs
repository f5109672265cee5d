using BillForU.Domain.Customers;

namespace BillForU.Admin.Contracts;

/// <param name="Preferences">The channels the user set a preference for; the others follow the defaults.</param>
public sealed record UserDetail(long UserId, ContactView Contacts, IReadOnlyDictionary<Channel, PreferenceItem> Preferences);
