using Npgsql;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.Postgres;

namespace SupportPlatform.Knowledge.Learning;

/// <summary>
/// Turns the funnel's evidence into learned terms: opened recommendations whose session filed no
/// inquiry within <c>Knowledge:LearningGraceMinutes</c> (default 30) of the last 90 days, through
/// <see cref="LearnedTerms.Learn"/>. One replica at a time (advisory lock); a change bumps the
/// catalog version so every index picks it up.
/// </summary>
public sealed class LearningFromUse(NpgsqlDataSource dataSource, ArticleIndex index, IConfiguration configuration, ILogger<LearningFromUse> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    /// <summary>Relearns every term from the evidence; returns how many are active.</summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var grace = TimeSpan.FromMinutes(configuration.GetValue("Knowledge:LearningGraceMinutes", 30.0));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AdvisoryLocks.LockForTransactionAsync(connection, transaction, "knowledge:learning", cancellationToken);

        // Evidence older than the window is forgotten: only the stems were kept, and not for long.
        await using (var forget = new NpgsqlCommand("""
            UPDATE knowledge.funnel_events SET query_terms = NULL WHERE query_terms IS NOT NULL AND occurred_at < @since;
            DELETE FROM knowledge.desk_article_uses WHERE used_at < @since;
            """, connection, transaction))
        {
            forget.Parameters.AddWithValue("since", now - Window);
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        var evidence = new List<OpenedRecommendation>();
        await using (var read = new NpgsqlCommand("""
            SELECT f.session_id, f.slug, f.query_terms, EXISTS (SELECT 1 FROM knowledge.session_inquiries s WHERE s.session_id = f.session_id)
            FROM knowledge.funnel_events f
            WHERE f.kind = 'opened' AND f.query_terms IS NOT NULL AND f.occurred_at <= @settled AND f.occurred_at >= @since
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("settled", now - grace);
            read.Parameters.AddWithValue("since", now - Window);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                evidence.Add(new OpenedRecommendation(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetBoolean(3)));
            }
        }

        // Articles agents inserted into replies, per inquiry (issue 25): stronger than an open.
        await using (var read = new NpgsqlCommand("""
            SELECT inquiry_id, slug, query_terms FROM knowledge.desk_article_uses WHERE query_terms IS NOT NULL AND used_at >= @since
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("since", now - Window);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                evidence.Add(OpenedRecommendation.FromDesk(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));
            }
        }

        var rejected = new HashSet<(string, string)>();
        var active = new HashSet<(string, string, float)>();
        await using (var read = new NpgsqlCommand("SELECT slug, term, status, weight FROM knowledge.learned_terms", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetString(2) == "rejected")
                {
                    rejected.Add((reader.GetString(0), reader.GetString(1)));
                }
                else
                {
                    active.Add((reader.GetString(0), reader.GetString(1), reader.GetFloat(3)));
                }
            }
        }

        var snapshot = index.Current;
        var learned = LearnedTerms.Learn(evidence, (slug, term) => snapshot.Find(slug) is null || snapshot.ArticleHasWord(slug, term), rejected);
        if (learned.Select(t => (t.Slug, t.Term, t.Weight)).ToHashSet().SetEquals(active))
        {
            await transaction.CommitAsync(cancellationToken);
            return learned.Count;
        }

        await using (var clear = new NpgsqlCommand("DELETE FROM knowledge.learned_terms WHERE status = 'active'", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var term in learned)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO knowledge.learned_terms (slug, term, weight, support, status, updated_at) VALUES (@slug, @term, @weight, @support, 'active', @now)
                """, connection, transaction);
            insert.Parameters.AddWithValue("slug", term.Slug);
            insert.Parameters.AddWithValue("term", term.Term);
            insert.Parameters.AddWithValue("weight", term.Weight);
            insert.Parameters.AddWithValue("support", term.Support);
            insert.Parameters.AddWithValue("now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await ArticleStore.BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Learned terms relearned from {Evidence} opened recommendations: {Active} active", evidence.Count, learned.Count);
        await index.RefreshAsync(cancellationToken);
        return learned.Count;
    }
}

/// <summary>Relearns every <c>Knowledge:LearningMinutes</c> (default 15).</summary>
public sealed class LearningFromUseSchedule(LearningFromUse learning, TimeProvider time, IConfiguration configuration, ILogger<LearningFromUseSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(0.1, configuration.GetValue("Knowledge:LearningMinutes", 15.0))), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await learning.RunOnceAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Learning from use failed; the terms learned before stay");
            }
        }
    }
}
