using System.Globalization;

namespace BillForU.Channels.Templates;

/// <summary>How amounts and dates read in every notice, whatever the host's culture.</summary>
internal static class NoticeFormat
{
    /// <summary><c>45,300원</c>: Korean won have no minor unit, so thousands separators and no decimals.</summary>
    public static string Won(long amount) => string.Create(CultureInfo.InvariantCulture, $"{amount:N0}원");

    /// <summary><c>KRW 45,300</c>, for the English half of a notice.</summary>
    public static string Krw(long amount) => string.Create(CultureInfo.InvariantCulture, $"KRW {amount:N0}");

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
