using Npgsql;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Contracts;

namespace SupportPlatform.Knowledge.Feedback;

/// <summary>"Was this helpful?" votes; one per (article, anonymous session) when a session is given, the latest vote counting.</summary>
public sealed class FeedbackStore(NpgsqlDataSource dataSource)
{
    public async Task<FeedbackCounts> CountsAsync(Guid articleId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE helpful), count(*) FILTER (WHERE NOT helpful)
            FROM knowledge.feedback WHERE article_id = @id
            """);
        command.Parameters.AddWithValue("id", articleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new FeedbackCounts(reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<FeedbackCounts> RecordAsync(Guid articleId, bool helpful, string? sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var command = dataSource.CreateCommand(sessionId is null
            ? "INSERT INTO knowledge.feedback (article_id, helpful, given_at) VALUES (@id, @helpful, @now)"
            : """
              INSERT INTO knowledge.feedback (article_id, helpful, session_id, given_at) VALUES (@id, @helpful, @session, @now)
              ON CONFLICT (article_id, session_id) WHERE session_id IS NOT NULL
              DO UPDATE SET helpful = EXCLUDED.helpful, given_at = EXCLUDED.given_at
              """))
        {
            command.Parameters.AddWithValue("id", articleId);
            command.Parameters.AddWithValue("helpful", helpful);
            command.Parameters.AddWithValue("now", now);
            if (sessionId is not null)
            {
                command.Parameters.AddWithValue("session", sessionId);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await CountsAsync(articleId, cancellationToken);
    }
}
