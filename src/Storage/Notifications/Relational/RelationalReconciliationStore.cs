using System.Data.Common;
using BillForU.Domain.Billing;
using BillForU.Domain.Notifications;
using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>The reconciliation reads over any relational connection: only how a connection opens and how keys bind differ.</summary>
internal sealed class RelationalReconciliationStore(Func<CancellationToken, Task<DbConnection>> open, KeyListSql keys) : IReconciliationStore
{
    public async Task<IReadOnlyList<BillingMonth>> ListSettledMonthsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var select = DbCommands.Create(connection, null, ReconciliationSql.SettledMonths);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, static r => BillingMonth.Parse(r.GetString(0)), cancellationToken);
    }

    public async Task<IReadOnlyList<BillHeader>> ListBillsWithoutNoticeAsync(BillingMonth month, long afterBillId, int limit, CancellationToken cancellationToken)
    {
        var range = BillIdRange.ForMonth(month);
        if (limit <= 0 || afterBillId >= range.Last)
        {
            return [];
        }
        await using var connection = await open(cancellationToken);
        await using var select = DbCommands.Create(connection, null, ReconciliationSql.BillsWithoutNotice);
        select.AddParameter("@after", Math.Max(afterBillId, range.First - 1));
        select.AddParameter("@last", range.Last);
        select.AddParameter("@limit", limit);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, RowMappers.BillHeader, cancellationToken);
    }

    public async Task<IReadOnlyList<BillHeader>> GetBillHeadersAsync(IReadOnlyCollection<long> billIds, CancellationToken cancellationToken)
    {
        var headers = new List<BillHeader>(billIds.Count);
        if (billIds.Count == 0)
        {
            return headers;
        }
        await using var connection = await open(cancellationToken);
        foreach (var slice in NotificationRows.Slices(billIds))
        {
            await using var select = DbCommands.Create(connection, null, "");
            var ranged = DenseKeyRange.Prepare(select, keys, slice, ReconciliationSql.HeadersBetween, ReconciliationSql.HeadersOf);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var header = RowMappers.BillHeader(reader);
                if (!ranged || Array.BinarySearch(slice, header.BillId) >= 0)
                {
                    headers.Add(header);
                }
            }
        }
        return headers;
    }

    public async Task<MonthReconciliation> ReconcileAsync(BillingMonth month, int sample, CancellationToken cancellationToken)
    {
        var range = BillIdRange.ForMonth(month);
        await using var connection = await open(cancellationToken);
        var outcomes = new List<BillNoticeCount>();
        await using (var select = DbCommands.Create(connection, null, ReconciliationSql.Outcomes))
        {
            select.AddParameter("@first", range.First);
            select.AddParameter("@last", range.Last);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                outcomes.Add(new BillNoticeCount(
                    Enum.Parse<BillNoticeStatus>(reader.GetString(0)),
                    reader.GetInt64(1),
                    reader.IsDBNull(2) ? null : SqlValues.Utc(reader.GetDateTime(2)),
                    reader.IsDBNull(3) ? null : SqlValues.Utc(reader.GetDateTime(3))));
            }
        }
        outcomes.Sort((a, b) => a.Status.CompareTo(b.Status));
        var missing = (await ListBillsWithoutNoticeAsync(month, 0, sample, cancellationToken)).Select(b => b.BillId).ToArray();

        long repeated;
        var repeatedIds = new List<string>();
        await using (var select = DbCommands.Create(connection, null, ReconciliationSql.RepeatedSends))
        {
            select.AddParameter("@first", range.First);
            select.AddParameter("@last", range.Last);
            select.AddParameter("@limit", sample);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            repeated = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                repeatedIds.Add(NotificationIds.For(reader.GetInt64(0), NotificationNames.ChannelOf(reader.GetString(1))));
            }
        }
        return new MonthReconciliation(month.ToString(), outcomes.Sum(o => o.Bills), outcomes, missing, repeated, repeatedIds);
    }
}
