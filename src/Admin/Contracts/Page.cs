namespace BillForU.Admin.Contracts;

/// <summary>One page of a keyset-paged list.</summary>
/// <param name="Next">The <c>after</c> value of the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, long? Next);
