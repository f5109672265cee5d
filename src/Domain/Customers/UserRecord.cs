namespace BillForU.Domain.Customers;

/// <summary>A subscriber as stored: contacts only as cipher text and lookup hashes.</summary>
public sealed record UserRecord(
    long Id,
    string Name,
    DateOnly BirthDate,
    UserStatus Status,
    string EmailCipher,
    string PhoneCipher,
    byte[] EmailHash,
    byte[] PhoneHash,
    DateTime CreatedAt);
