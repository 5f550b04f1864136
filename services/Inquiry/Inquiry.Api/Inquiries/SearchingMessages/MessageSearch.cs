using Npgsql;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>One inquiry the index matched, with the queue's columns and its sealed summary.</summary>
public sealed record MessageMatch(Guid InquiryId, int Matches, string Status, DateTimeOffset SubmittedAt, DateTimeOffset LastActivityAt, string SealedSummary);

/// <summary>
/// The best matches and how many inquiries matched among those searched; <see cref="LeftOut"/> terms
/// of the query were too common to search beside rarer ones, and <see cref="SearchedFrom"/> is set
/// when every term was common and only the inquiries submitted since then were searched
/// (<see cref="MessageSearchPlan"/>).
/// </summary>
public sealed record MessageMatches(IReadOnlyList<MessageMatch> Best, long Total, int LeftOut = 0, DateTimeOffset? SearchedFrom = null);

/// <summary>
/// Reads the message search index: inquiries ranked by how many distinct terms of the query their
/// texts hold, then the newest first. "Newest" is by id, which is a version-7 GUID made at
/// submission (time-ordered): the ranking then needs the index alone, and only the page's rows are
/// joined with the queue entry (ranking by last activity joined every match, 13,391 of them for
/// one common word at 50,000 inquiries; docs/benchmarks.md). A query's terms are hashed under
/// every configured lookup key, each hash with its key id, so during a rotation an inquiry matches
/// whichever key its rows were made with; its matches are counted per key (a term is there once per
/// key, so a plain count, which hashes rather than sorts) and the best key's count is its rank.
/// <para>
/// A search by words reads at most about <c>SearchIndex:PostingsPerQuery</c> postings (5,000),
/// planned from the per-term counts (<see cref="MessageSearchPlan"/>): reading every posting of a
/// common word grew with the platform (13,391 for 스팸 at 50,000 inquiries, 214/550 ms p50/p95;
/// about 270,000 at a million).
/// </para>
/// </summary>
public sealed class MessageSearch(NpgsqlDataSource dataSource, PersonalDataKeys keys, IConfiguration configuration)
{
    private const string Schema = InquiryStore.Schema;

    private readonly int postingsPerQuery = configuration.GetValue("SearchIndex:PostingsPerQuery", 5_000);

    /// <summary>
    /// Ranks <c>matched(inquiry_id, matches)</c> and joins the best with their queue entries; one row
    /// per inquiry, each with <paramref name="searchedFrom"/> (the same for every row).
    /// </summary>
    private static string Ranked(string searchedFrom) =>
        $"""
        , best AS (
            SELECT inquiry_id, matches, count(*) OVER () AS total FROM matched
            ORDER BY matches DESC, inquiry_id DESC
            LIMIT @limit)
        SELECT b.inquiry_id, b.matches, e.status, e.submitted_at, e.last_activity_at, e.data ->> 'sealedSummary', b.total, {searchedFrom}
        FROM best b JOIN {Schema}.mt_doc_queue e ON e.id = b.inquiry_id
        ORDER BY b.matches DESC, b.inquiry_id DESC
        """;

    /// <summary>The inquiries holding the terms (<see cref="Queueing.SearchTerms"/> of the query) that the plan searches.</summary>
    public async Task<MessageMatches> ForTermsAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        var hashed = keys.LookupKeys.QueryTermHashes(terms);
        var plan = MessageSearchPlan.For(await InquiriesPerTermAsync(hashed, terms.Count, cancellationToken), postingsPerQuery);
        if (plan.Searched.Count == 0)
        {
            return new MessageMatches([], 0);
        }

        var keyIds = hashed.SelectMany(k => plan.Searched.Select(_ => k.KeyId)).ToArray();
        var searched = hashed.SelectMany(k => plan.Searched.Select(i => k.Hashes[i])).ToArray();

        // Terms read whole: a plain join of their postings (numbering them for a window cost more
        // than it saved). Every term common: one pass over each term's newest postings, at most
        // per_term of them; the latest of the readings' last postings is where the search starts,
        // so from there on every term was read and an inquiry counts every term it holds.
        await using var command = dataSource.CreateCommand(plan.NewestPerTerm is null
            ? $"""
              WITH query AS (SELECT * FROM unnest(@key_ids, @terms) AS q(key_id, term)),
              matched AS (
                  SELECT inquiry_id, max(matches) AS matches FROM (
                      SELECT t.inquiry_id, count(*)::int AS matches
                      FROM {MessageSearchIndex.Table} t JOIN query q ON q.term = t.term AND q.key_id = t.key_id
                      GROUP BY t.inquiry_id, t.key_id) per_key
                  GROUP BY inquiry_id)
              {Ranked("NULL::timestamptz")}
              """
            : $"""
              WITH query AS (SELECT * FROM unnest(@key_ids, @terms) AS q(key_id, term)),
              newest AS (
                  SELECT p.inquiry_id, q.key_id, row_number() OVER (PARTITION BY q.key_id, q.term ORDER BY p.inquiry_id DESC) AS nth
                  FROM query q CROSS JOIN LATERAL (
                      SELECT t.inquiry_id FROM {MessageSearchIndex.Table} t
                      WHERE t.term = q.term AND t.key_id = q.key_id
                      ORDER BY t.inquiry_id DESC
                      LIMIT @per_term) p),
              since AS (SELECT inquiry_id FROM newest WHERE nth = @per_term ORDER BY inquiry_id DESC LIMIT 1),
              matched AS (
                  SELECT inquiry_id, max(matches) AS matches FROM (
                      SELECT inquiry_id, count(*)::int AS matches FROM newest
                      WHERE inquiry_id >= coalesce((SELECT inquiry_id FROM since), '00000000-0000-0000-0000-000000000000')
                      GROUP BY inquiry_id, key_id) per_key
                  GROUP BY inquiry_id)
              {Ranked($"(SELECT s.submitted_at FROM {Schema}.mt_doc_queue s WHERE s.id = (SELECT inquiry_id FROM since))")}
              """);
        command.Parameters.Add(new NpgsqlParameter<string[]>("key_ids", keyIds));
        command.Parameters.Add(new NpgsqlParameter<long[]>("terms", searched));
        if (plan.NewestPerTerm is { } perTerm)
        {
            command.Parameters.Add(new NpgsqlParameter<int>("per_term", perTerm));
        }

        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadAsync(command, cancellationToken) with { LeftOut = plan.LeftOut };
    }

    /// <summary>How many inquiries hold each term of the query, under every key together (a term no inquiry holds has no count row).</summary>
    private async Task<long[]> InquiriesPerTermAsync(IReadOnlyList<(string KeyId, long[] Hashes)> hashed, int terms, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<(string KeyId, long Hash), int>();
        foreach (var (keyId, hashes) in hashed)
        {
            for (var i = 0; i < hashes.Length; i++)
            {
                positions[(keyId, hashes[i])] = i;
            }
        }

        var inquiries = new long[terms];
        await using var command = dataSource.CreateCommand(
            $"SELECT c.key_id, c.term, c.inquiries FROM unnest(@key_ids, @terms) AS q(key_id, term) JOIN {MessageSearchIndex.CountsTable} c ON c.term = q.term AND c.key_id = q.key_id");
        command.Parameters.Add(new NpgsqlParameter<string[]>("key_ids", [.. positions.Keys.Select(p => p.KeyId)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("terms", [.. positions.Keys.Select(p => p.Hash)]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inquiries[positions[(reader.GetString(0), reader.GetInt64(1))]] += reader.GetInt32(2);
        }

        return inquiries;
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
            {Ranked("NULL::timestamptz")}
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
        DateTimeOffset? searchedFrom = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            best.Add(new MessageMatch(
                reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)));
            total = reader.GetInt64(6);
            searchedFrom = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7);
        }

        return new MessageMatches(best, total, SearchedFrom: searchedFrom);
    }
}
