using MassTransit;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Recommending;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.Messaging;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Inquiries.Suggesting;

/// <summary>
/// On <see cref="InquirySubmitted"/>: keeps the best articles for the summary (for the agent who
/// answers), records a knowledge gap (by inquiry id, without the customer's words) when none answers
/// it well, and links the recommendation session to the inquiry for the deflection funnel. Once per
/// message (inbox). The summary is read from Inquiry's internal API (the message carries ids only)
/// and never stored; an inquiry purged meanwhile leaves nothing behind.
/// </summary>
public sealed class InquirySubmittedConsumer(
    NpgsqlDataSource dataSource, ArticleIndex index, InternalInquiryApi inquiries, TimeProvider time, ILogger<InquirySubmittedConsumer> logger)
    : InboxConsumer<InquirySubmitted>(dataSource, KnowledgeSchema.Name)
{
    public const int Suggestions = 5;

    protected override async Task HandleAsync(ConsumeContext<InquirySubmitted> context, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        await using (var purged = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM knowledge.purged_inquiries WHERE inquiry_id = @id)", connection, transaction))
        {
            purged.Parameters.AddWithValue("id", message.InquiryId);
            if ((bool)(await purged.ExecuteScalarAsync(cancellationToken))!)
            {
                logger.LogInformation("Inquiry {InquiryId} was purged before its submission arrived; nothing kept", message.InquiryId);
                return;
            }
        }

        if (await inquiries.GetSummaryAsync(message.InquiryId, cancellationToken) is not { } inquiry)
        {
            logger.LogInformation("Inquiry {InquiryId} no longer exists; nothing kept", message.InquiryId);
            return;
        }

        // The API edge refuses NUL, but an inquiry stored before that rule must not park the message.
        var summary = StorableText.Strip(inquiry.Summary) ?? string.Empty;
        var hits = Recommendations.Find(index.Current, summary, Suggestions);
        var now = time.GetUtcNow();
        for (var rank = 0; rank < hits.Count; rank++)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO knowledge.inquiry_suggestions (inquiry_id, rank, slug, title, score, coverage, suggested_at)
                VALUES (@inquiry, @rank, @slug, @title, @score, @coverage, @now)
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            insert.Parameters.AddWithValue("inquiry", message.InquiryId);
            insert.Parameters.AddWithValue("rank", rank + 1);
            insert.Parameters.AddWithValue("slug", hits[rank].Article.Slug);
            insert.Parameters.AddWithValue("title", hits[rank].Article.Title);
            insert.Parameters.AddWithValue("score", hits[rank].Score);
            insert.Parameters.AddWithValue("coverage", hits[rank].Coverage);
            insert.Parameters.AddWithValue("now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (Recommendations.IsGap(hits))
        {
            await using var gap = new NpgsqlCommand("""
                INSERT INTO knowledge.knowledge_gaps (inquiry_id, best_slug, best_coverage, submitted_at)
                VALUES (@inquiry, @slug, @coverage, @submitted)
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            gap.Parameters.AddWithValue("inquiry", message.InquiryId);
            gap.Parameters.Add(new NpgsqlParameter("slug", NpgsqlTypes.NpgsqlDbType.Text) { Value = hits.Count > 0 ? hits[0].Article.Slug : DBNull.Value });
            gap.Parameters.AddWithValue("coverage", hits.Count > 0 ? hits[0].Coverage : 0.0);
            gap.Parameters.AddWithValue("submitted", message.SubmittedAt);
            await gap.ExecuteNonQueryAsync(cancellationToken);
        }

        if (SessionIds.IsValid(message.RecommendationSessionId))
        {
            await using var link = new NpgsqlCommand("""
                INSERT INTO knowledge.session_inquiries (session_id, inquiry_id, submitted_at) VALUES (@session, @inquiry, @submitted)
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            link.Parameters.AddWithValue("session", message.RecommendationSessionId!);
            link.Parameters.AddWithValue("inquiry", message.InquiryId);
            link.Parameters.AddWithValue("submitted", message.SubmittedAt);
            await link.ExecuteNonQueryAsync(cancellationToken);
        }

        logger.LogInformation(
            "Inquiry {InquiryId}: {Suggestions} articles suggested, knowledge gap {Gap}",
            message.InquiryId, hits.Count, Recommendations.IsGap(hits));
    }
}
