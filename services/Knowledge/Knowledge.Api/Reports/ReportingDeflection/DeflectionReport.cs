using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.ServiceDefaults.Http;
using SupportPlatform.ServiceDefaults.Reporting;

namespace SupportPlatform.Knowledge.Reports.ReportingDeflection;

/// <summary>
/// <c>GET /api/staff/reports/deflection?from&amp;to</c>: per article, how often a shown recommendation
/// was not followed by an inquiry, counting the recommendations shown and opened from <c>from</c> to
/// <c>to</c> (Korean days, both included, as the operations view's period); without either, all time.
/// </summary>
public static class DeflectionReport
{
    public static RouteGroupBuilder MapDeflectionReport(this RouteGroupBuilder staff)
    {
        staff.MapGet("/reports/deflection", Handle).WithName("DeflectionReport");
        return staff;
    }

    public static async Task<Results<Ok<DeflectionRow[]>, ValidationProblem>> Handle(
        string? from, string? to, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!KnowledgeReportPeriod.TryRead(from, to, time, errors, out var period))
        {
            return errors.ToProblem();
        }

        await using var command = dataSource.CreateCommand($"""
            WITH per_session AS (
                SELECT slug, session_id, bool_or(kind = 'shown') AS shown, bool_or(kind = 'opened') AS opened
                FROM knowledge.funnel_events
                {KnowledgeReportPeriod.Where("occurred_at", period)}
                GROUP BY slug, session_id
            ), marked AS (
                SELECT p.*, EXISTS (SELECT 1 FROM knowledge.session_inquiries s WHERE s.session_id = p.session_id) AS inquired
                FROM per_session p
            )
            SELECT m.slug, a.title,
                   count(*) FILTER (WHERE m.shown),
                   count(*) FILTER (WHERE m.opened),
                   count(*) FILTER (WHERE m.shown AND m.inquired)
            FROM marked m LEFT JOIN knowledge.articles a ON a.slug = m.slug
            GROUP BY m.slug, a.title
            ORDER BY count(*) FILTER (WHERE m.shown) DESC, m.slug
            """);
        KnowledgeReportPeriod.AddParameters(command.Parameters, period);
        var rows = new List<DeflectionRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var shown = reader.GetInt64(2);
            var followed = reader.GetInt64(4);
            var deflected = shown - followed;
            rows.Add(new DeflectionRow(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                shown,
                reader.GetInt64(3),
                followed,
                deflected,
                shown == 0 ? 0 : Math.Round((double)deflected / shown, 4)));
        }

        return TypedResults.Ok(rows.ToArray());
    }
}
