using BillForU.Domain.Customers;

namespace BillForU.Domain.Security;

/// <summary>How contacts look in logs and API responses: <c>te****@test.com</c>, <c>010-****-1234</c>.</summary>
public static class ContactMasking
{
    private const string Stars = "****";

    /// <summary>A channel's address as logs show it; a push address is the user id, not a contact, and stays as it is.</summary>
    public static string MaskFor(Channel channel, string address) => channel switch
    {
        Channel.Email => MaskEmail(address),
        Channel.Sms => MaskPhone(address),
        _ => address,
    };

    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return string.Empty;
        }
        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return Stars;
        }
        var keep = Math.Min(2, at);
        return string.Concat(email.AsSpan(0, keep), Stars, email.AsSpan(at));
    }

    public static string MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return string.Empty;
        }
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 7)
        {
            return Stars;
        }
        return $"{digits[..3]}-{Stars}-{digits[^4..]}";
    }
}
