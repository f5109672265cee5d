using BillForU.Domain.Customers;

namespace BillForU.Grains.Interfaces.Notifications;

/// <summary>
/// A recipient as the notice needs it: contacts still encrypted (decrypted only inside the sender call),
/// preferences, and the system quiet windows per channel.
/// </summary>
[GenerateSerializer, Immutable, Alias("BillForU.RecipientSnapshot")]
public sealed record RecipientSnapshot(
    long UserId,
    string? EmailCipher,
    string? PhoneCipher,
    IReadOnlyList<PreferenceSnapshot> Preferences,
    IReadOnlyDictionary<Channel, QuietWindowSnapshot> SystemQuietWindows);
