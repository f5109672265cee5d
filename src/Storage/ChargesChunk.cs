using BillForU.Domain.Charges;

namespace BillForU.Storage;

/// <summary>
/// The users of (after, <see cref="LastUserId"/>] with their charges. <see cref="LastUserId"/> is where
/// the next chunk starts after, whether or not the last users had anything to bill.
/// </summary>
public sealed record ChargesChunk(IReadOnlyList<UserCharges> Users, long LastUserId);
