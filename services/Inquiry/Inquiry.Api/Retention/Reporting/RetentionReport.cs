using System.Globalization;
using System.Text;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Inquiries.Reporting;

namespace SupportPlatform.Inquiry.Retention.Reporting;

/// <summary>Age since submission, by calendar years (as the retention period itself is counted).</summary>
public static class AgeBands
{
    public const string UnderOneYear = "<1y";
    public const string OneToTwoYears = "1-2y";
    public const string TwoToThreeYears = "2-3y";
    public const string ThreeYearsOrMore = ">=3y";

    public static readonly IReadOnlyList<string> All = [UnderOneYear, OneToTwoYears, TwoToThreeYears, ThreeYearsOrMore];

    public static string Of(DateTimeOffset submittedAt, DateTimeOffset now) =>
        submittedAt > now.AddYears(-1) ? UnderOneYear
        : submittedAt > now.AddYears(-2) ? OneToTwoYears
        : submittedAt > now.AddYears(-3) ? TwoToThreeYears
        : ThreeYearsOrMore;
}

public sealed class RetentionReports(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Schema = InquiryStore.Schema;

    public async Task<RetentionReport> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var batch = dataSource.CreateBatch();
        // From the counts per submission day (a few rows a day), not one pass over every inquiry.
        batch.BatchCommands.Add(QueueDayCounts.CountByAge([now.AddYears(-1), now.AddYears(-2), now.AddYears(-3)], AgeBands.All, statuses: null));
        // Each count a range of the deadline index (or the hold index), not one pass over every inquiry:
        // what falls due within 90 days is a twelfth of three years, and the retention pass keeps the overdue few.
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""
            SELECT (SELECT count(*) FROM {Schema}.mt_doc_retention WHERE deadline <= @now AND NOT on_hold),
                   (SELECT count(*) FROM {Schema}.mt_doc_retention WHERE deadline > @now AND deadline <= @d30 AND NOT on_hold),
                   (SELECT count(*) FROM {Schema}.mt_doc_retention WHERE deadline > @now AND deadline <= @d90 AND NOT on_hold),
                   (SELECT count(*) FROM {Schema}.mt_doc_retention WHERE on_hold)
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<DateTimeOffset>("now", now),
                new NpgsqlParameter<DateTimeOffset>("d30", now.AddDays(30)),
                new NpgsqlParameter<DateTimeOffset>("d90", now.AddDays(90)),
            },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"SELECT to_char(purged_at AT TIME ZONE 'UTC', 'YYYY-MM'), reason, count(*) FROM {Schema}.purge_audit GROUP BY 1, 2 ORDER BY 1, 2"));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<(string Band, string Status), long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var due = new DueForPurge(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        var onHold = reader.GetInt64(3);

        await reader.NextResultAsync(cancellationToken);
        var purged = new List<PurgedCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            purged.Add(new PurgedCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        // Every band × status, zeros included, so a sheet built on the report keeps its shape.
        var inquiries = AgeBands.All
            .SelectMany(band => Enum.GetValues<InquiryStatus>().Select(status => QueueEntry.StatusName(status))
                .Select(status => new AgeStatusCount(band, status, counts.GetValueOrDefault((band, status)))))
            .ToArray();
        return new RetentionReport(now, inquiries, due, onHold, purged);
    }
}

/// <summary>
/// One table for spreadsheets: section, group, subgroup, count. Every value is the report's own
/// vocabulary (bands, statuses, months, reasons), so nothing needs quoting.
/// </summary>
public static class RetentionReportCsv
{
    public const string ContentType = "text/csv";

    public static string FileName(RetentionReport report) =>
        $"retention-report-{report.GeneratedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.csv";

    public static string Write(RetentionReport report)
    {
        var csv = new StringBuilder();
        csv.Append("section,group,subgroup,count\r\n");
        void Row(string section, string group, string subgroup, long count) =>
            csv.Append(CultureInfo.InvariantCulture, $"{section},{group},{subgroup},{count}\r\n");

        foreach (var row in report.Inquiries)
        {
            Row("inquiries", row.AgeBand, row.Status, row.Count);
        }

        Row("due-for-purge", "overdue", "", report.DueForPurge.Overdue);
        Row("due-for-purge", "within-30-days", "", report.DueForPurge.Within30Days);
        Row("due-for-purge", "within-90-days", "", report.DueForPurge.Within90Days);
        Row("on-hold", "", "", report.OnHold);
        foreach (var row in report.Purged)
        {
            Row("purged", row.Month, row.Reason, row.Count);
        }

        return csv.ToString();
    }
}
