using Marten;
using Npgsql;
using SupportPlatform.ServiceDefaults.Reporting;

namespace SupportPlatform.Inquiry.Inquiries.Reporting;

/// <summary>
/// The response times of each Korean day of completion as histograms of business minutes per kind,
/// priority and agent (<c>inquiry.response_time_histograms</c>, Migrations/0010), which the
/// operations view reads instead of every response-time document of its period, each response counted
/// in its day's row (per priority and agent) and in its week's twice, per priority and per agent: a
/// year is at most 53 weeks × 3 kinds × (priorities + agents) plus 12 days × 3 kinds × priorities ×
/// agents rows, whatever the number of inquiries. The trigger that keeps
/// them is attached here, when the response-time table exists.
/// </summary>
public static class ResponseTimeHistograms
{
    private const string Schema = InquiryStore.Schema;

    public const string Table = $"{Schema}.response_time_histograms";

    /// <summary>The span of a day's rows, per priority and agent, which serve both of the report's tables.</summary>
    public const string DaySpan = "day";

    /// <summary>The span of a week's rows per priority, the agents rolled up: the report's table per week and priority.</summary>
    public const string WeekPerPrioritySpan = "week_priority";

    /// <summary>The span of a week's rows per agent, the priorities rolled up: the report's table per agent.</summary>
    public const string WeekPerAgentSpan = "week_agent";

    /// <summary>
    /// What every document counts, recounted: one row per span, day, kind, priority and agent with its
    /// responses, targets met and the buckets its responses fell in with their counts (bucket &lt;&lt; 32 | count), as the trigger keeps them.
    /// </summary>
    public const string RecountSql = $"""
        SELECT span, day, kind, priority, agent_id, agent_name, sum(responses)::bigint, sum(met)::bigint,
               coalesce(array_agg((bucket::bigint << 32) | responses ORDER BY bucket) FILTER (WHERE bucket IS NOT NULL), ARRAY[]::bigint[])
        FROM (
            SELECT s.span, s.day, c.kind, s.priority, s.agent_id, s.agent_name, {Schema}.business_minute_bucket(c.minutes) AS bucket,
                   count(*) AS responses, count(*) FILTER (WHERE c.met) AS met
            FROM {Schema}.mt_doc_response_time t,
                 {Schema}.response_time_contributions(t.first_responded_at, t.resolved_at, t.data) c,
                 LATERAL (VALUES
                     ('{DaySpan}', c.day, c.priority, c.agent_id, c.agent_name),
                     ('{WeekPerPrioritySpan}', c.day - (extract(isodow FROM c.day)::integer - 1), c.priority, NULL::uuid, NULL::text),
                     ('{WeekPerAgentSpan}', c.day - (extract(isodow FROM c.day)::integer - 1), NULL::text, c.agent_id, c.agent_name)) s(span, day, priority, agent_id, agent_name)
            GROUP BY 1, 2, 3, 4, 5, 6, 7
        ) counted
        GROUP BY 1, 2, 3, 4, 5, 6
        """;

    /// <summary>
    /// The period's rows, its whole Korean ISO weeks from their week rows (per priority and per
    /// agent) and the days before and after them from their day rows: (span, day, kind, priority,
    /// agent id, agent name, responses, met, bucket counts). A year is 53 weeks' rows per priority
    /// and per agent and at most 12 days' rows per priority and agent.
    /// </summary>
    public static NpgsqlBatchCommand Read(ReportPeriod period)
    {
        var (firstWeek, lastWeek) = WholeWeeks(period);
        return new NpgsqlBatchCommand(
            $"""
            SELECT span, day, kind, priority, agent_id, agent_name, responses, met, bucket_counts
            FROM {Table}
            WHERE responses <> 0
              AND ((span IN ('{WeekPerPrioritySpan}', '{WeekPerAgentSpan}') AND day >= @firstWeek AND day <= @lastWeek)
                   OR (span = '{DaySpan}' AND day >= @first AND day <= @last AND NOT (day >= @firstWeek AND day <= @lastWeek + 6)))
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<DateOnly>("first", period.From),
                new NpgsqlParameter<DateOnly>("last", period.To),
                new NpgsqlParameter<DateOnly>("firstWeek", firstWeek),
                new NpgsqlParameter<DateOnly>("lastWeek", lastWeek),
            },
        };
    }

    /// <summary>The bucket of one element of <c>bucket_counts</c>.</summary>
    public static int BucketOf(long bucketCount) => (int)(bucketCount >> 32);

    /// <summary>The count of one element of <c>bucket_counts</c>.</summary>
    public static long CountOf(long bucketCount) => bucketCount & uint.MaxValue;

    /// <summary>
    /// The Mondays of the first and last Korean ISO weeks wholly inside the period; when there is
    /// none, a first after the last (the day after the period, and the week before it), so no week
    /// is read and every day is.
    /// </summary>
    public static (DateOnly First, DateOnly Last) WholeWeeks(ReportPeriod period)
    {
        var first = ReportPeriod.MondayOf(period.From) == period.From ? period.From : ReportPeriod.MondayOf(period.From).AddDays(7);
        var last = ReportPeriod.MondayOf(period.To.AddDays(-6));
        return first <= last ? (first, last) : (period.To.AddDays(1), period.To.AddDays(-6));
    }

    /// <summary>The names in PostgreSQL's order (its collation), which the report lists agents in, as it did when it sorted them.</summary>
    public static NpgsqlBatchCommand InNameOrder(IEnumerable<string> names) => new("SELECT name FROM unnest(@names) name ORDER BY name")
    {
        Parameters = { new NpgsqlParameter<string[]>("names", [.. names]) },
    };

    /// <summary>Attaches the trigger once the document table exists, recounting first (<see cref="CountingTrigger"/>).</summary>
    public static Task AttachAsync(IDocumentStore store, NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        CountingTrigger.AttachAsync<ResponseTime>(
            store, dataSource, $"{Schema}.mt_doc_response_time", "response_time_histograms", $"{Schema}.count_response_times",
            $"DELETE FROM {Table}; INSERT INTO {Table} (span, day, kind, priority, agent_id, agent_name, responses, met, bucket_counts) {RecountSql}",
            cancellationToken);
}

/// <summary>Attaches the histograms' trigger at start, after Marten has made its tables and before the service serves.</summary>
internal sealed class ResponseTimeHistogramsOnStart(IDocumentStore store, NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => ResponseTimeHistograms.AttachAsync(store, dataSource, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
