namespace BillForU.Domain.Charges;

/// <summary>Monthly fees of the plans and add-ons, read once per settlement partition.</summary>
public sealed class PriceCatalog
{
    private readonly Dictionary<int, long> _planFees;
    private readonly Dictionary<int, long> _addonFees;

    public PriceCatalog(IEnumerable<Plan> plans, IEnumerable<Addon> addons)
    {
        Plans = plans.ToArray();
        Addons = addons.ToArray();
        _planFees = Plans.ToDictionary(p => p.Id, p => p.MonthlyFee);
        _addonFees = Addons.ToDictionary(a => a.Id, a => a.MonthlyFee);
    }

    public IReadOnlyList<Plan> Plans { get; }

    public IReadOnlyList<Addon> Addons { get; }

    public long PlanFee(int planId) =>
        _planFees.TryGetValue(planId, out var fee) ? fee : throw new KeyNotFoundException($"Plan {planId} is not in the catalog.");

    public long AddonFee(int addonId) =>
        _addonFees.TryGetValue(addonId, out var fee) ? fee : throw new KeyNotFoundException($"Add-on {addonId} is not in the catalog.");
}
