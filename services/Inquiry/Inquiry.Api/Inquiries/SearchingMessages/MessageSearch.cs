using Npgsql;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>One inquiry the index matched, with the queue's columns and its sealed summary.</summary>
public sealed record MessageMatch(Guid InquiryId, int Matches, string Status, DateTimeOffset SubmittedAt, DateTimeOffset LastActivityAt, string SealedSummary);

/// <summary>The best matches, and how many inquiries matched at all.</summary>
public sealed record MessageMatches(IReadOnlyList<MessageMatch> Best, long Total);

/// <summary>
/// Reads the message search index: inquiries ranked by how many distinct terms of the query their
/// texts hold, then the newest first. "Newest" is by id, which is a version-7 GUID made at
/// submission (time-ordered): the ranking then needs the index alone, and only the page's rows are
/// joined with the queue entry (ranking by last activity joined every match, 13,391 of them for
/// one common word at 50,000 inquiries; docs/benchmarks.md). A query's terms are hashed under
/// every configured lookup key, each hash with its key id, so during a rotation an inquiry matches
/// whichever key its rows were made with; its matches are counted per key (a term is there once per
/// key, so a plain count, which hashes rather than sorts) and the best key's count is its rank.
/// </summary>
public sealed class MessageSearch(NpgsqlDataSource dataSource, PersonalDataKeys keys)
{
    private const string Schema = InquiryStore.Schema;

    /// <summary>Ranks <c>matched(inquiry_id, matches)</c> and joins the best with their queue entries; one row per inquiry.</summary>
    private const string Ranked =
        $"""
        , best AS (
            SELECT inquiry_id, matches, count(*) OVER () AS total FROM matched
            ORDER BY matches DESC, inquiry_id DESC
            LIMIT @limit)
        SELECT b.inquiry_id, b.matches, e.status, e.submitted_at, e.last_activity_at, e.data ->> 'sealedSummary', b.total
        FROM best b JOIN {Schema}.mt_doc_queue e ON e.id = b.inquiry_id
        ORDER BY b.matches DESC, b.inquiry_id DESC
        """;

    /// <summary>The inquiries holding any of the terms (<see cref="Queueing.SearchTerms"/> of the query).</summary>
    public async Task<MessageMatches> ForTermsAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        var hashed = keys.LookupKeys.QueryTermHashes(terms);
        await using var command = dataSource.CreateCommand(
            $"""
            WITH query AS (SELECT * FROM unnest(@key_ids, @terms) AS q(key_id, term)),
            matched AS (
                SELECT inquiry_id, max(matches) AS matches FROM (
                    SELECT t.inquiry_id, count(*)::int AS matches
                    FROM {MessageSearchIndex.Table} t JOIN query q ON q.term = t.term AND q.key_id = t.key_id
                    GROUP BY t.inquiry_id, t.key_id) per_key
                GROUP BY inquiry_id)
            {Ranked}
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]>("key_ids", [.. hashed.SelectMany(k => k.Hashes.Select(_ => k.KeyId))]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("terms", [.. hashed.SelectMany(k => k.Hashes)]));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>How many of each term's newest postings "similar" looks at.</summary>
    public const int PostingsPerTerm = 500;

    /// <summary>The other inquiries sharing terms with this one, by its own rows of the index (no text is opened); null when it has no data key.</summary>
    public async Task<(MessageMatches Matches, int Terms)?> SimilarToAsync(Guid inquiryId, int limit, CancellationToken cancellationToken)
    {
        int terms;
        await using (var count = dataSource.CreateCommand(
            $"""
            SELECT (SELECT count(*)::int FROM {MessageSearchIndex.Table} WHERE inquiry_id = @id)
            FROM {Schema}.data_keys WHERE inquiry_id = @id
            """))
        {
            count.Parameters.Add(new NpgsqlParameter<Guid>("id", inquiryId));
            if (await count.ExecuteScalarAsync(cancellationToken) is not int found)
            {
                return null;
            }

            terms = found;
        }

        // Each term of this inquiry counts among its newest postings only: a rare term brings every
        // inquiry holding it, a word in half the inquiries the latest few hundred (one join over every
        // posting of every term took 6.6 s at 50,000 inquiries; docs/benchmarks.md).
        await using var command = dataSource.CreateCommand(
            $"""
            WITH query AS (SELECT term, key_id FROM {MessageSearchIndex.Table} WHERE inquiry_id = @id),
            matched AS (
                SELECT p.inquiry_id, count(*)::int AS matches
                FROM query q CROSS JOIN LATERAL (
                    SELECT t.inquiry_id FROM {MessageSearchIndex.Table} t
                    WHERE t.term = q.term AND t.key_id = q.key_id AND t.inquiry_id <> @id
                    ORDER BY t.inquiry_id DESC
                    LIMIT @per_term) p
                GROUP BY p.inquiry_id)
            {Ranked}
            """);
        command.Parameters.Add(new NpgsqlParameter<int>("per_term", PostingsPerTerm));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", inquiryId));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return (await ReadAsync(command, cancellationToken), terms);
    }

    private static async Task<MessageMatches> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var best = new List<MessageMatch>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            best.Add(new MessageMatch(
                reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)));
            total = reader.GetInt64(6);
        }

        return new MessageMatches(best, total);
    }
}
