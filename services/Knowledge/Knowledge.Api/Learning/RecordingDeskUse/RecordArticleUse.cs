using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Learning.RecordingDeskUse;

public sealed record ArticleUseRequest(string? Slug);

/// <summary>
/// <c>POST /api/staff/inquiries/{inquiryId}/article-uses</c> <c>{ slug }</c>: the desk inserted the
/// article into a reply to the inquiry. That is the strongest evidence there is that the summary
/// means the article, so the summary's stems (read from Inquiry, never the text) are kept for
/// <see cref="LearningFromUse"/>. Once per inquiry and article; nothing for a purged inquiry.
/// </summary>
public static class RecordArticleUse
{
    public static RouteGroupBuilder MapRecordArticleUse(this RouteGroupBuilder staff)
    {
        staff.MapPost("/inquiries/{inquiryId:guid}/article-uses", Handle).WithName("RecordArticleUse");
        return staff;
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> Handle(
        Guid inquiryId, ArticleUseRequest request, NpgsqlDataSource dataSource, ArticleIndex index, InternalInquiryApi inquiries, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var slug = request.Slug?.Trim();
        if (string.IsNullOrEmpty(slug) || slug.Length > 200 || index.Current.Find(slug) is null)
        {
            errors.Add("slug", "The slug of a published article.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var purged = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM knowledge.purged_inquiries WHERE inquiry_id = @id)", connection))
        {
            purged.Parameters.AddWithValue("id", inquiryId);
            if ((bool)(await purged.ExecuteScalarAsync(cancellationToken))!)
            {
                return TypedResults.NotFound();
            }
        }

        if (await inquiries.GetSummaryAsync(inquiryId, cancellationToken) is not { } inquiry)
        {
            return TypedResults.NotFound();
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO knowledge.desk_article_uses (inquiry_id, slug, query_terms, used_at) VALUES (@inquiry, @slug, @terms, @now)
            ON CONFLICT DO NOTHING
            """, connection);
        insert.Parameters.AddWithValue("inquiry", inquiryId);
        insert.Parameters.AddWithValue("slug", slug!);
        insert.Parameters.AddWithValue("terms", LearnedTerms.EvidenceTerms(StorableText.Strip(inquiry.Summary)));
        insert.Parameters.AddWithValue("now", time.GetUtcNow());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
