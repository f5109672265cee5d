namespace BillForU.Domain.Generation;

/// <summary>
/// The demo's contacts are derived from the user id, so tests can tell which captured message
/// belongs to which user without ever storing a plaintext contact.
/// </summary>
public static class DemoContacts
{
    public static string EmailFor(long userId) => $"user{userId}@billforu.test";

    public static string PhoneFor(long userId) => $"010-{userId / 10_000 % 10_000:D4}-{userId % 10_000:D4}";
}
