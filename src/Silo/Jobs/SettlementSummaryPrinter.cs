using BillForU.Grains.Interfaces.Settlement;
using BillForU.Storage;

namespace BillForU.Silo.Jobs;

public static class SettlementSummaryPrinter
{
    public static void Print(TextWriter output, SettlementRunView run, MonthSummary summary)
    {
        var seconds = run.FinishedAt is { } finished ? (finished - run.StartedAt).TotalSeconds : 0;
        var t = summary.Totals;
        output.WriteLine();
        output.WriteLine($"Month {summary.Month}: run {run.RunId} {run.Status.ToString().ToUpperInvariant()}");
        output.WriteLine($"  bills            {summary.Bills,16:N0}");
        output.WriteLine($"  bill lines       {summary.Lines,16:N0}");
        output.WriteLine($"  events published {summary.EventsPublished,16:N0}");
        output.WriteLine($"  base fees        {t.BaseFee,16:N0} KRW");
        output.WriteLine($"  add-on fees      {t.AddonFee,16:N0} KRW");
        output.WriteLine($"  device fees      {t.DeviceFee,16:N0} KRW");
        output.WriteLine($"  micro-payments   {t.MicroPayment,16:N0} KRW");
        output.WriteLine($"  discounts        {t.Discount,16:N0} KRW");
        output.WriteLine($"  VAT              {t.Vat,16:N0} KRW");
        output.WriteLine($"  total            {t.Total,16:N0} KRW");
        output.WriteLine($"  duration         {seconds,16:F1} s");
        output.WriteLine($"  throughput       {(seconds > 0 ? summary.Bills / seconds : 0),16:N0} bills/s");
        if (run.Error is not null)
        {
            output.WriteLine($"  error            {run.Error}");
        }
    }
}
