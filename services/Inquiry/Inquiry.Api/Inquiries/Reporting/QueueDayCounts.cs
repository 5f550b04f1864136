using Marten;
using Npgsql;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.ServiceDefaults.Reporting;

namespace SupportPlatform.Inquiry.Inquiries.Reporting;

/// <summary>
/// The inquiries of each Korean submission day by status and category (<c>inquiry.queue_day_counts</c>,
/// Migrations/0008), which the retention report and the operations view read instead of grouping
/// every inquiry of the queue: a year of intake is at most 365 × statuses × categories rows, and the
/// counts by age are a few thousand day rows plus the inquiries of the days an age limit falls in.
/// The trigger that keeps them is attached here, when the queue table exists.
/// </summary>
public static class QueueDayCounts
{
    private const string Schema = InquiryStore.Schema;

    public const string Table = $"{Schema}.queue_day_counts";

    /// <summary>
    /// Counts by age band and status now. Band <c>i</c> holds the inquiries submitted after
    /// <paramref name="limits"/>[i] (youngest first) and in no younger band; the last name, all older
    /// ones. A whole day on one side of every limit counts from its day rows; the day a limit falls
    /// in counts from the queue itself (by the index on <c>submitted_at</c>), so the figures are the
    /// exact ones a <c>GROUP BY</c> over the queue gives. Rows: (band, status, count), nonzero only.
    /// </summary>
    public static NpgsqlBatchCommand CountByAge(IReadOnlyList<DateTimeOffset> limits, IReadOnlyList<string> bands, IReadOnlyList<string>? statuses)
    {
        if (bands.Count != limits.Count + 1)
        {
            throw new ArgumentException("One band per limit, and one for everything older.", nameof(bands));
        }

        var edges = limits.Select(KoreanDay).Distinct().ToArray();
        var onlyStatuses = statuses is null ? "" : "AND status = ANY(@statuses)";
        string Case(string column, string prefix) =>
            $"CASE {string.Join(' ', limits.Select((_, i) => $"WHEN {column} > @{prefix}{i} THEN @band{i}"))} ELSE @band{limits.Count} END";
        var edgeDays = string.Join(" OR ", edges.Select((_, i) => $"(submitted_at >= @from{i} AND submitted_at < @to{i})"));
        var command = new NpgsqlBatchCommand(
            // The edge days' rows by the submission index alone, materialised so the status filter is
            // not pushed into that scan: ANDed with the status index it read the whole backlog's entries.
            $"""
            WITH edge_days AS MATERIALIZED (
                SELECT submitted_at, status FROM {Schema}.mt_doc_queue WHERE {edgeDays}
            )
            SELECT band, status, sum(n)::bigint FROM (
                SELECT {Case("day", "day")} AS band, status, inquiries AS n
                FROM {Table} WHERE day <> ALL(@edges) AND inquiries <> 0 {onlyStatuses}
                UNION ALL
                SELECT {Case("submitted_at", "limit")}, status, 1
                FROM edge_days WHERE true {onlyStatuses}
            ) counted GROUP BY 1, 2
            """);
        for (var i = 0; i < limits.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter<DateOnly>($"day{i}", KoreanDay(limits[i])));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>($"limit{i}", limits[i]));
        }

        for (var i = 0; i < bands.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter<string>($"band{i}", bands[i]));
        }

        for (var i = 0; i < edges.Length; i++)
        {
            var day = new ReportPeriod(edges[i], edges[i]);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>($"from{i}", day.Start));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>($"to{i}", day.End));
        }

        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("edges", edges));
        if (statuses is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("statuses", [.. statuses]));
        }

        return command;
    }

    /// <summary>
    /// The inquiries submitted in <paramref name="period"/> per Korean day (or the Monday of its
    /// Korean ISO week) and category as filed now: (day, category, count), days without any left out.
    /// </summary>
    public static NpgsqlBatchCommand Intake(ReportPeriod period, bool perWeek) => new(
        $"""
        SELECT {(perWeek ? "date_trunc('week', day)::date" : "day")}, category, sum(inquiries)::bigint
        FROM {Table} WHERE day >= @first AND day <= @last
        GROUP BY 1, 2 HAVING sum(inquiries) > 0 ORDER BY 1, 2 NULLS LAST
        """)
    {
        Parameters =
        {
            new NpgsqlParameter<DateOnly>("first", period.From),
            new NpgsqlParameter<DateOnly>("last", period.To),
        },
    };

    private static DateOnly KoreanDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ReportPeriod.KoreanOffset).DateTime);

    /// <summary>Attaches the trigger once the document table exists, recounting first (<see cref="CountingTrigger"/>).</summary>
    public static Task AttachAsync(IDocumentStore store, NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        CountingTrigger.AttachAsync<QueueEntry>(store, dataSource, $"{Schema}.mt_doc_queue", "queue_day_counts", $"{Schema}.count_queue_days", RecountSql, cancellationToken);

    /// <summary>The counts made again from every document, in one pass.</summary>
    private const string RecountSql = $"""
        DELETE FROM {Table};
        INSERT INTO {Table} (day, status, category, inquiries)
        SELECT (submitted_at AT TIME ZONE 'Asia/Seoul')::date, status, data ->> 'category', count(*)
        FROM {Schema}.mt_doc_queue GROUP BY 1, 2, 3
        """;
}

/// <summary>Attaches the day counts' trigger at start, after Marten has made its tables and before the service serves.</summary>
internal sealed class QueueDayCountsOnStart(IDocumentStore store, NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => QueueDayCounts.AttachAsync(store, dataSource, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
