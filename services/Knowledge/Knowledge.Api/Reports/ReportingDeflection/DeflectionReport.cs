using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Knowledge.Contracts;

namespace SupportPlatform.Knowledge.Reports.ReportingDeflection;

/// <summary><c>GET /api/staff/reports/deflection</c>: per article, how often a shown recommendation was not followed by an inquiry.</summary>
public static class DeflectionReport
{
    public static RouteGroupBuilder MapDeflectionReport(this RouteGroupBuilder staff)
    {
        staff.MapGet("/reports/deflection", Handle).WithName("DeflectionReport");
        return staff;
    }

    public static async Task<Ok<DeflectionRow[]>> Handle(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH per_session AS (
                SELECT slug, session_id, bool_or(kind = 'shown') AS shown, bool_or(kind = 'opened') AS opened
                FROM knowledge.funnel_events
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
