namespace BillForU.Domain.Charges;

/// <summary>
/// Everything one user can be charged for in a month, as read for settlement.
/// Micro-payments are already limited to the month's instants by the reader.
/// </summary>
public sealed record UserCharges(
    long UserId,
    IReadOnlyList<PlanSubscription> Plans,
    IReadOnlyList<AddonSubscription> Addons,
    IReadOnlyList<DeviceInstallment> Installments,
    IReadOnlyList<MicroPayment> MicroPayments);
