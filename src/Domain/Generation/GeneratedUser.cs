using BillForU.Domain.Charges;
using BillForU.Domain.Customers;

namespace BillForU.Domain.Generation;

/// <summary>One generated subscriber with everything the month charges and how they want to be told.</summary>
public sealed record GeneratedUser(UserRecord User, UserCharges Charges, IReadOnlyList<NotificationPreference> Preferences);
