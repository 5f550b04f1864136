using Npgsql;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>One inquiry the index matched, with the queue's columns and its sealed summary.</summary>
public sealed record MessageMatch(Guid InquiryId, int Matches, string Status, DateTimeOffset SubmittedAt, DateTimeOffset LastActivityAt, string SealedSummary);

/// <summary>The best matches, and how many inquiries matched at all.</summary>
public sealed record MessageMatches(IReadOnlyList<MessageMatch> Best, long Total);

/// <summary>
/// Reads the message search index: inquiries ranked by how many distinct terms of the query their
/// texts hold, then by their latest activity (the queue's column), then by id so that equal ranks
/// keep one order. A query's terms are hashed under every configured lookup key, each hash with its
/// key id, so during a rotation an inquiry matches whichever key its rows were made with.
/// </summary>
public sealed class MessageSearch(NpgsqlDataSource dataSource, PersonalDataKeys keys)
{
    private const string Schema = InquiryStore.Schema;

    /// <summary>Ranks <c>matched(inquiry_id, matches)</c> and joins the queue entry; one row per inquiry.</summary>
    private const string Ranked =
        $"""
        SELECT m.inquiry_id, m.matches, e.status, e.submitted_at, e.last_activity_at, e.data ->> 'sealedSummary', count(*) OVER ()
        FROM matched m JOIN {Schema}.mt_doc_queue e ON e.id = m.inquiry_id
        ORDER BY m.matches DESC, e.last_activity_at DESC, m.inquiry_id
        LIMIT @limit
        """;

    /// <summary>The inquiries holding any of the terms (<see cref="Queueing.SearchTerms"/> of the query).</summary>
    public async Task<MessageMatches> ForTermsAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        var hashed = keys.LookupKeys.QueryTermHashes(terms);
        await using var command = dataSource.CreateCommand(
            $"""
            WITH query AS (SELECT * FROM unnest(@key_ids, @ordinals, @terms) AS q(key_id, ordinal, term)),
            matched AS (
                SELECT t.inquiry_id, count(DISTINCT q.ordinal)::int AS matches
                FROM {MessageSearchIndex.Table} t JOIN query q ON q.term = t.term AND q.key_id = t.key_id
                GROUP BY t.inquiry_id)
            {Ranked}
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]>("key_ids", [.. hashed.SelectMany(k => k.Hashes.Select(_ => k.KeyId))]));
        command.Parameters.Add(new NpgsqlParameter<int[]>("ordinals", [.. hashed.SelectMany(k => k.Hashes.Select((_, ordinal) => ordinal))]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("terms", [.. hashed.SelectMany(k => k.Hashes)]));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadAsync(command, cancellationToken);
    }

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

        await using var command = dataSource.CreateCommand(
            $"""
            WITH query AS (SELECT term, key_id FROM {MessageSearchIndex.Table} WHERE inquiry_id = @id),
            matched AS (
                SELECT t.inquiry_id, count(*)::int AS matches
                FROM {MessageSearchIndex.Table} t JOIN query q ON q.term = t.term AND q.key_id = t.key_id
                WHERE t.inquiry_id <> @id
                GROUP BY t.inquiry_id)
            {Ranked}
            """);
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
