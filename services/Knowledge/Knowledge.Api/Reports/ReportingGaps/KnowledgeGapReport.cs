using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Reports.ReportingGaps;

/// <summary>
/// <c>GET /api/staff/reports/knowledge-gaps?page=</c>: inquiries whose summary no article answered
/// well, newest first — what to write next. Ids and scores only: agents read the summary in the
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

    public static async Task<Results<Ok<KnowledgeGapPage>, ValidationProblem>> Handle(int? page, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var pageNumber = page ?? 1;
        if (pageNumber < 1)
        {
            return FieldErrors.Problem("page", "1 or more.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM knowledge.knowledge_gaps", connection))
        {
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var command = new NpgsqlCommand("""
            SELECT inquiry_id, best_slug, best_coverage, submitted_at FROM knowledge.knowledge_gaps
            ORDER BY submitted_at DESC, inquiry_id LIMIT @limit OFFSET @offset
            """, connection);
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
