using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults.Http;
using SupportPlatform.ServiceDefaults.Reporting;

namespace SupportPlatform.Inquiry.Inquiries.Reporting;

/// <summary>
/// First-response, resolution and next-response times and SLA attainment for the operations view,
/// per week and priority and per agent, computed by PostgreSQL (<c>percentile_cont</c>) over the response-time
/// read model, never by folding streams.
/// </summary>
public static class ReportResponseTimes
{
    private const string Schema = InquiryStore.Schema;

    /// <summary>The key of "nobody" in a FULL JOIN on agents (an equality cannot match nulls).</summary>
    private const string Nobody = "00000000-0000-0000-0000-000000000000";

    /// <summary>
    /// The next responses completed in the period, one row each: the inquiries with one are found by
    /// the index on their latest (<c>last_next_responded_at</c>), then their list is unnested.
    /// </summary>
    private const string NextResponsesSql = $"""
        SELECT (e ->> 'completedAt')::timestamptz AS completed_at, t.data ->> 'priority' AS priority,
               (e ->> 'minutes')::int AS minutes, (e ->> 'met')::boolean AS met,
               (e ->> 'agentId')::uuid AS agent, e ->> 'agentName' AS name
        FROM {Schema}.mt_doc_response_time t, jsonb_array_elements(t.data -> 'nextResponses') e
        WHERE t.last_next_responded_at >= @start
          AND (e ->> 'completedAt')::timestamptz >= @start AND (e ->> 'completedAt')::timestamptz < @end
        """;

    /// <summary>
    /// The inquiries whose first response or resolution was completed in the period, each reduced to
    /// the narrow values the figures need, together with the next responses (<see cref="NextResponsesSql"/>),
    /// both materialised first: the ordered aggregates (<c>percentile_cont</c>) sort their input, and
    /// sorting whole documents (the SLA track is most of each) spilled to disk at a year of inquiries.
    /// </summary>
    private const string MeasuredSql = $"""
        WITH measured AS MATERIALIZED (
            SELECT first_responded_at, resolved_at, data ->> 'priority' AS priority,
                   (data ->> 'firstResponseMinutes')::int AS first_minutes, (data ->> 'firstResponseMet')::boolean AS first_met,
                   (data ->> 'resolutionMinutes')::int AS resolution_minutes, (data ->> 'resolutionMet')::boolean AS resolution_met,
                   (data ->> 'firstResponderId')::uuid AS first_agent, data ->> 'firstResponderName' AS first_name,
                   (data ->> 'lastResponderId')::uuid AS last_agent, data ->> 'lastResponderName' AS last_name
            FROM {Schema}.mt_doc_response_time
            WHERE (first_responded_at >= @start AND first_responded_at < @end) OR (resolved_at >= @start AND resolved_at < @end)
        ), answered_again AS MATERIALIZED ({NextResponsesSql})
        """;

    /// <summary>A group's count, median and p90 of <paramref name="minutes"/>, and how many met their target.</summary>
    private static string FiguresSql(string minutes, string met) =>
        $"count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY {minutes}) AS median, "
        + $"percentile_cont(0.9) WITHIN GROUP (ORDER BY {minutes}) AS p90, count(*) FILTER (WHERE {met}) AS met";

    /// <summary>One pass per kind, each on its own completion-time column; joined per week and priority.</summary>
    private static readonly string PerWeekSql = $"""
        {MeasuredSql}, first AS (
            SELECT date_trunc('week', first_responded_at AT TIME ZONE 'Asia/Seoul')::date AS monday, priority,
                   {FiguresSql("first_minutes", "first_met")}
            FROM measured WHERE first_responded_at >= @start AND first_responded_at < @end GROUP BY 1, 2
        ), resolved AS (
            SELECT date_trunc('week', resolved_at AT TIME ZONE 'Asia/Seoul')::date AS monday, priority,
                   {FiguresSql("resolution_minutes", "resolution_met")}
            FROM measured WHERE resolved_at >= @start AND resolved_at < @end GROUP BY 1, 2
        ), next AS (
            SELECT date_trunc('week', n.completed_at AT TIME ZONE 'Asia/Seoul')::date AS monday, n.priority,
                   {FiguresSql("n.minutes", "n.met")}
            FROM answered_again n GROUP BY 1, 2
        )
        SELECT coalesce(f.monday, r.monday, x.monday), coalesce(f.priority, r.priority, x.priority),
               coalesce(f.n, 0), f.median, f.p90, coalesce(f.met, 0),
               coalesce(r.n, 0), r.median, r.p90, coalesce(r.met, 0),
               coalesce(x.n, 0), x.median, x.p90, coalesce(x.met, 0)
        FROM first f FULL JOIN resolved r ON r.monday = f.monday AND r.priority = f.priority
            FULL JOIN next x ON x.monday = coalesce(f.monday, r.monday) AND x.priority = coalesce(f.priority, r.priority)
        ORDER BY 1, 2
        """;

    /// <summary>
    /// The same figures for the whole period per agent: first responses by the agent whose reply
    /// made them, resolutions by the agent who answered last. Joined on the id, "nobody" (closed
    /// before any reply) being a key of its own; a FULL JOIN needs an equality, hence the coalesce.
    /// </summary>
    private static readonly string PerAgentSql = $"""
        {MeasuredSql}, first AS (
            SELECT first_agent AS agent, max(first_name) AS name,
                   {FiguresSql("first_minutes", "first_met")}
            FROM measured WHERE first_responded_at >= @start AND first_responded_at < @end GROUP BY 1
        ), resolved AS (
            SELECT last_agent AS agent, max(last_name) AS name,
                   {FiguresSql("resolution_minutes", "resolution_met")}
            FROM measured WHERE resolved_at >= @start AND resolved_at < @end GROUP BY 1
        ), next AS (
            SELECT n.agent, max(n.name) AS name,
                   {FiguresSql("n.minutes", "n.met")}
            FROM answered_again n GROUP BY 1
        )
        SELECT coalesce(f.agent, r.agent, x.agent), coalesce(f.name, r.name, x.name),
               coalesce(f.n, 0), f.median, f.p90, coalesce(f.met, 0),
               coalesce(r.n, 0), r.median, r.p90, coalesce(r.met, 0),
               coalesce(x.n, 0), x.median, x.p90, coalesce(x.met, 0)
        FROM first f FULL JOIN resolved r ON coalesce(r.agent, '{Nobody}') = coalesce(f.agent, '{Nobody}')
            FULL JOIN next x ON coalesce(x.agent, '{Nobody}') = coalesce(f.agent, r.agent, '{Nobody}')
        ORDER BY 2 NULLS LAST, 1
        """;

    public static RouteGroupBuilder MapResponseTimeReport(this RouteGroupBuilder agent)
    {
        agent.MapGet("/response-times", Handle)
            .WithName("ReportResponseTimes")
            .WithSummary("First-response, resolution and next-response times (count, median and p90 in business minutes, targets met) per Korean ISO week of completion and priority, and per agent, from `from` to `to` (yyyy-MM-dd, Korean days, both included, at most 371 days; default: the last 8 weeks).");
        return agent;
    }

    private static async Task<Results<Ok<ResponseTimeReport>, ValidationProblem>> Handle(
        string? from, string? to, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (ReportPeriod.Read(from, to, time.GetUtcNow(), errors) is not { } period)
        {
            return errors.ToProblem();
        }

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PerWeekSql));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PerAgentSql));
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start", period.Start));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("end", period.End));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        TimeFigures Figures(int at) => new(
            reader.GetInt64(at),
            reader.IsDBNull(at + 1) ? null : Math.Round(reader.GetDouble(at + 1), 1),
            reader.IsDBNull(at + 2) ? null : Math.Round(reader.GetDouble(at + 2), 1),
            reader.GetInt64(at + 3));

        var rows = new List<ResponseTimeRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var monday = DateOnly.FromDateTime(reader.GetDateTime(0));
            rows.Add(new ResponseTimeRow(ReportPeriod.WeekOf(monday), monday, reader.GetString(1), Figures(2), Figures(6), Figures(10)));
        }

        await reader.NextResultAsync(cancellationToken);
        var agents = new List<AgentResponseTimes>();
        while (await reader.ReadAsync(cancellationToken))
        {
            agents.Add(new AgentResponseTimes(reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), Figures(2), Figures(6), Figures(10)));
        }

        return TypedResults.Ok(new ResponseTimeReport(period.From, period.To, rows, agents));
    }
}
