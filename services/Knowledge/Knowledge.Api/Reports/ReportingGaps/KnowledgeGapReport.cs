using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.ServiceDefaults.Http;
using SupportPlatform.ServiceDefaults.Reporting;

namespace SupportPlatform.Knowledge.Reports.ReportingGaps;

/// <summary>
/// <c>GET /api/staff/reports/knowledge-gaps?page=&amp;from&amp;to</c>: inquiries whose summary no article
/// answered well, newest first — what to write next; those submitted from <c>from</c> to <c>to</c>
/// (Korean days, both included), or all when neither is given. Ids and scores only: agents read the summary in the
/// inquiry itself, so the purge of the inquiry leaves no copy here (the row goes too).
/// </summary>
public static class KnowledgeGapReport
{
    private const int PageSize = 50;

    public static RouteGroupBuilder MapKnowledgeGapReport(this RouteGroupBuilder staff)
    {
        staff.MapGet("/reports/knowledge-gaps", Handle).WithName("KnowledgeGapReport");
        return staff;
    }

    public static async Task<Results<Ok<KnowledgeGapPage>, ValidationProblem>> Handle(
        int? page, string? from, string? to, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var pageNumber = page ?? 1;
        var errors = new FieldErrors();
        if (pageNumber < 1)
        {
            errors.Add("page", "1 or more.");
        }

        if (!KnowledgeReportPeriod.TryRead(from, to, time, errors, out var period) || errors.Any)
        {
            return errors.ToProblem();
        }

        var where = KnowledgeReportPeriod.Where("submitted_at", period);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM knowledge.knowledge_gaps {where}", connection))
        {
            KnowledgeReportPeriod.AddParameters(count.Parameters, period);
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var command = new NpgsqlCommand($"""
            SELECT inquiry_id, best_slug, best_coverage, submitted_at FROM knowledge.knowledge_gaps {where}
            ORDER BY submitted_at DESC, inquiry_id LIMIT @limit OFFSET @offset
            """, connection);
        KnowledgeReportPeriod.AddParameters(command.Parameters, period);
        command.Parameters.AddWithValue("limit", PageSize);
        // long: a page near int.MaxValue times the page size would wrap to a negative OFFSET.
        command.Parameters.AddWithValue("offset", (long)(pageNumber - 1) * PageSize);
        var rows = new List<KnowledgeGapRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new KnowledgeGapRow(
                reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetDouble(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return TypedResults.Ok(new KnowledgeGapPage(rows, pageNumber, PageSize, total));
    }
}
