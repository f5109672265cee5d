using BillForU.Domain.Billing;

namespace BillForU.Storage;

public sealed record StoredBill(BillHeader Header, IReadOnlyList<BillLine> Lines);
