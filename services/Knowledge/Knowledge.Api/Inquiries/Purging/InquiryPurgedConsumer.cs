using MassTransit;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Messaging;

namespace SupportPlatform.Knowledge.Inquiries.Purging;

/// <summary>
/// On <see cref="InquiryPurged"/>: deletes the suggestions, the knowledge-gap row and the desk's
/// article uses of the inquiry and unlinks its recommendation session — the anonymous "this session
/// led to an inquiry" stays for the funnel, without the inquiry id. A tombstone of the id keeps a
/// late <see cref="InquirySubmitted"/> from bringing anything back.
/// </summary>
public sealed class InquiryPurgedConsumer(NpgsqlDataSource dataSource, ILogger<InquiryPurgedConsumer> logger)
    : InboxConsumer<InquiryPurged>(dataSource, KnowledgeSchema.Name)
{
    protected override async Task HandleAsync(ConsumeContext<InquiryPurged> context, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand("""
            DELETE FROM knowledge.inquiry_suggestions WHERE inquiry_id = @id;
            DELETE FROM knowledge.knowledge_gaps WHERE inquiry_id = @id;
            -- The summary's stems an agent's article use kept for learning.
            DELETE FROM knowledge.desk_article_uses WHERE inquiry_id = @id;
            -- The words typed in that inquiry's session (evidence for learning from use) go with it.
            UPDATE knowledge.funnel_events SET query_terms = NULL
            WHERE query_terms IS NOT NULL AND session_id IN (SELECT session_id FROM knowledge.session_inquiries WHERE inquiry_id = @id);
            UPDATE knowledge.session_inquiries SET inquiry_id = NULL WHERE inquiry_id = @id;
            INSERT INTO knowledge.purged_inquiries (inquiry_id, purged_at) VALUES (@id, @at) ON CONFLICT DO NOTHING;
            """, connection, transaction);
        command.Parameters.AddWithValue("id", context.Message.InquiryId);
        command.Parameters.AddWithValue("at", context.Message.PurgedAt);
        await command.ExecuteNonQueryAsync(context.CancellationToken);
        logger.LogInformation("Inquiry {InquiryId} purged ({Reason}): suggestions, gap row and session link removed", context.Message.InquiryId, context.Message.Reason);
    }
}
