using Npgsql;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Concepts;

public sealed record ConceptRecord(string Key, string[] Phrases, string[] Articles, int Revision, string Editor, DateTimeOffset UpdatedAt, bool Deleted);

/// <summary>
/// The domain vocabulary in PostgreSQL. Every change writes a revision row and bumps the catalog
/// version in the same transaction, so history is complete and every replica rebuilds its index.
/// </summary>
public sealed class ConceptStore(NpgsqlDataSource dataSource)
{
    /// <summary>Adds the shipped concepts the database lacks (a concept staff deleted stays deleted).</summary>
    public async Task<int> SeedAsync(IReadOnlyList<Concept> shipped, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var concept in shipped)
        {
            var (outcome, _) = await SaveAsync(concept.Key, [.. concept.Phrases], [.. concept.Articles], deleted: false, "seed", now, expectedRevision: null, onlyIfNew: true, cancellationToken);
            added += outcome == WriteOutcome.Done ? 1 : 0;
        }

        return added;
    }

    public async Task<IReadOnlyList<ConceptRecord>> ListAsync(NpgsqlConnection? connection, NpgsqlTransaction? transaction, bool includeDeleted, CancellationToken cancellationToken)
    {
        const string sql = "SELECT key, phrases, articles, revision, editor, updated_at, deleted FROM knowledge.concepts WHERE @all OR NOT deleted ORDER BY key";
        await using var command = connection is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("all", includeDeleted);
        var concepts = new List<ConceptRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            concepts.Add(new ConceptRecord(
                reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetFieldValue<string[]>(2), reader.GetInt32(3),
                reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6)));
        }

        return concepts;
    }

    /// <summary>
    /// Writes the next revision of a concept (creating it at revision 1). With <paramref name="expectedRevision"/>
    /// (the editor's <c>If-Match</c>) a concurrent edit is refused instead of silently overwritten.
    /// </summary>
    public async Task<(WriteOutcome Outcome, int Revision)> SaveAsync(
        string key, string[] phrases, string[] articles, bool deleted, string editor, DateTimeOffset now, int? expectedRevision, bool onlyIfNew, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int? current = null;
        await using (var select = new NpgsqlCommand("SELECT revision FROM knowledge.concepts WHERE key = @key FOR UPDATE", connection, transaction))
        {
            select.Parameters.AddWithValue("key", key);
            if (await select.ExecuteScalarAsync(cancellationToken) is int revision)
            {
                current = revision;
            }
        }

        if (current is not null && onlyIfNew)
        {
            return (WriteOutcome.Conflict, current.Value);
        }

        if (current is null && deleted)
        {
            return (WriteOutcome.NotFound, 0);
        }

        if (expectedRevision is { } expected && expected != (current ?? 0))
        {
            return (WriteOutcome.Conflict, current ?? 0);
        }

        var next = (current ?? 0) + 1;
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO knowledge.concepts (key, phrases, articles, revision, editor, updated_at, deleted)
            VALUES (@key, @phrases, @articles, @revision, @editor, @now, @deleted)
            ON CONFLICT (key) DO UPDATE SET phrases = @phrases, articles = @articles, revision = @revision, editor = @editor, updated_at = @now, deleted = @deleted
            """, connection, transaction))
        {
            Fill(upsert);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var history = new NpgsqlCommand("""
            INSERT INTO knowledge.concept_revisions (key, revision, phrases, articles, deleted, editor, edited_at)
            VALUES (@key, @revision, @phrases, @articles, @deleted, @editor, @now)
            """, connection, transaction))
        {
            Fill(history);
            await history.ExecuteNonQueryAsync(cancellationToken);
        }

        await ArticleStore.BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (WriteOutcome.Done, next);

        void Fill(NpgsqlCommand command)
        {
            command.Parameters.AddWithValue("key", key);
            command.Parameters.AddWithValue("phrases", phrases);
            command.Parameters.AddWithValue("articles", articles);
            command.Parameters.AddWithValue("revision", next);
            command.Parameters.AddWithValue("editor", editor);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("deleted", deleted);
        }
    }

    /// <summary>Every revision, newest first; empty when the concept never existed.</summary>
    public async Task<IReadOnlyList<ConceptRecord>> RevisionsAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT key, phrases, articles, revision, editor, edited_at, deleted FROM knowledge.concept_revisions WHERE key = @key ORDER BY revision DESC
            """);
        command.Parameters.AddWithValue("key", key);
        var revisions = new List<ConceptRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            revisions.Add(new ConceptRecord(
                reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetFieldValue<string[]>(2), reader.GetInt32(3),
                reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6)));
        }

        return revisions;
    }
}
