using Npgsql;
using NpgsqlTypes;

namespace SupportPlatform.Knowledge.Articles;

public sealed record ArticleContent(string Title, string CategorySlug, string[] Products, string Body);

public sealed record ArticleRecord(
    Guid Id,
    string Slug,
    string Title,
    string CategorySlug,
    string CategoryName,
    string[] Products,
    string Body,
    string Status,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt)
{
    public bool IsPublished => Status == ArticleStatus.Published;
}

public sealed record RevisionRecord(int Revision, string Title, string CategorySlug, string[] Products, string Body, string Editor, DateTimeOffset EditedAt);

public static class ArticleStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
}

public enum WriteOutcome
{
    Done,
    NotFound,
    Conflict,
}

/// <summary>
/// Articles in PostgreSQL. Every content change writes a revision row and bumps the catalog version
/// in the same transaction, so history is complete and other replicas notice the change.
/// </summary>
public sealed class ArticleStore(NpgsqlDataSource dataSource)
{
    private const string SelectArticle = """
        SELECT a.id, a.slug, a.title, a.category, c.name, a.products, a.body, a.status, a.revision, a.created_at, a.updated_at, a.published_at
        FROM knowledge.articles a JOIN knowledge.categories c ON c.slug = a.category
        """;

    public async Task<Catalog> CatalogAsync(CancellationToken cancellationToken)
    {
        var categories = new List<Category>();
        var products = new List<Product>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT slug, name FROM knowledge.categories ORDER BY position, slug", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                categories.Add(new Category(reader.GetString(0), reader.GetString(1)));
            }
        }

        await using (var command = new NpgsqlCommand("SELECT code, name FROM knowledge.products ORDER BY code", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                products.Add(new Product(reader.GetString(0), reader.GetString(1)));
            }
        }

        return new Catalog(categories, products);
    }

    public async Task<ArticleRecord?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectArticle + " WHERE a.slug = @slug");
        command.Parameters.AddWithValue("slug", slug);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadArticle(reader) : null;
    }

    public async Task<IReadOnlyList<ArticleRecord>> ListAsync(string? status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectArticle + " WHERE @status::text IS NULL OR a.status = @status ORDER BY a.updated_at DESC, a.slug");
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)status ?? DBNull.Value });
        var articles = new List<ArticleRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            articles.Add(ReadArticle(reader));
        }

        return articles;
    }

    /// <summary>Creates revision 1; <see cref="WriteOutcome.Conflict"/> when the slug is taken.</summary>
    public async Task<WriteOutcome> CreateAsync(string slug, ArticleContent content, bool publish, string editor, DateTimeOffset now, string? seedHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = Guid.CreateVersion7(now);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO knowledge.articles (id, slug, title, category, products, body, status, revision, seed_hash, created_at, updated_at, published_at)
            VALUES (@id, @slug, @title, @category, @products, @body, @status, 1, @seed, @now, @now, @published)
            ON CONFLICT (slug) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("slug", slug);
            AddContent(insert, content);
            insert.Parameters.AddWithValue("status", publish ? ArticleStatus.Published : ArticleStatus.Draft);
            insert.Parameters.Add(new NpgsqlParameter("seed", NpgsqlDbType.Text) { Value = (object?)seedHash ?? DBNull.Value });
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.Add(new NpgsqlParameter("published", NpgsqlDbType.TimestampTz) { Value = publish ? now : DBNull.Value });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return WriteOutcome.Conflict;
            }
        }

        await AddRevisionAsync(connection, transaction, id, 1, content, editor, now, cancellationToken);
        await BumpVersionAsync(connection, transaction, cancellationToken, slug);
        await transaction.CommitAsync(cancellationToken);
        return WriteOutcome.Done;
    }

    /// <summary>
    /// Saves new content as the next revision. With <paramref name="expectedRevision"/> (the
    /// <c>If-Match</c> of the editor) a concurrent edit is refused instead of silently overwritten.
    /// </summary>
    public async Task<(WriteOutcome Outcome, int Revision)> UpdateAsync(
        string slug, ArticleContent content, string editor, DateTimeOffset now, int? expectedRevision, string? seedHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid id;
        int revision;
        await using (var select = new NpgsqlCommand("SELECT id, revision FROM knowledge.articles WHERE slug = @slug FOR UPDATE", connection, transaction))
        {
            select.Parameters.AddWithValue("slug", slug);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (WriteOutcome.NotFound, 0);
            }

            (id, revision) = (reader.GetGuid(0), reader.GetInt32(1));
        }

        if (expectedRevision is { } expected && expected != revision)
        {
            return (WriteOutcome.Conflict, revision);
        }

        revision++;
        await using (var update = new NpgsqlCommand("""
            UPDATE knowledge.articles
            SET title = @title, category = @category, products = @products, body = @body, revision = @revision,
                seed_hash = COALESCE(@seed, seed_hash), updated_at = @now
            WHERE id = @id
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", id);
            AddContent(update, content);
            update.Parameters.AddWithValue("revision", revision);
            update.Parameters.Add(new NpgsqlParameter("seed", NpgsqlDbType.Text) { Value = (object?)seedHash ?? DBNull.Value });
            update.Parameters.AddWithValue("now", now);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await AddRevisionAsync(connection, transaction, id, revision, content, editor, now, cancellationToken);
        await BumpVersionAsync(connection, transaction, cancellationToken, slug);
        await transaction.CommitAsync(cancellationToken);
        return (WriteOutcome.Done, revision);
    }

    /// <summary>Publishes or unpublishes; status is not content, so no revision is written.</summary>
    public async Task<WriteOutcome> SetPublishedAsync(string slug, bool published, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE knowledge.articles
            SET status = @status, updated_at = @now,
                published_at = CASE WHEN @published THEN COALESCE(published_at, @now) ELSE NULL END
            WHERE slug = @slug
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("slug", slug);
            update.Parameters.AddWithValue("status", published ? ArticleStatus.Published : ArticleStatus.Draft);
            update.Parameters.AddWithValue("published", published);
            update.Parameters.AddWithValue("now", now);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return WriteOutcome.NotFound;
            }
        }

        await BumpVersionAsync(connection, transaction, cancellationToken, slug);
        await transaction.CommitAsync(cancellationToken);
        return WriteOutcome.Done;
    }

    /// <summary>Every revision, newest first; null when the article does not exist.</summary>
    public async Task<IReadOnlyList<RevisionRecord>?> RevisionsAsync(string slug, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.revision, r.title, r.category, r.products, r.body, r.editor, r.edited_at
            FROM knowledge.articles a LEFT JOIN knowledge.article_revisions r ON r.article_id = a.id
            WHERE a.slug = @slug
            ORDER BY r.revision DESC
            """);
        command.Parameters.AddWithValue("slug", slug);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var revisions = new List<RevisionRecord>();
        var found = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            found = true;
            if (!reader.IsDBNull(0))
            {
                revisions.Add(new RevisionRecord(
                    reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                    reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
            }
        }

        return found ? revisions : null;
    }

    private static void AddContent(NpgsqlCommand command, ArticleContent content)
    {
        command.Parameters.AddWithValue("title", content.Title);
        command.Parameters.AddWithValue("category", content.CategorySlug);
        command.Parameters.AddWithValue("products", content.Products);
        command.Parameters.AddWithValue("body", content.Body);
    }

    private static async Task AddRevisionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, int revision, ArticleContent content, string editor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO knowledge.article_revisions (article_id, revision, title, category, products, body, editor, edited_at)
            VALUES (@id, @revision, @title, @category, @products, @body, @editor, @now)
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("revision", revision);
        AddContent(command, content);
        command.Parameters.AddWithValue("editor", editor);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the catalog version on; with <paramref name="slug"/>, stamps that article with the new
    /// version so replicas fetch just the articles changed since the version they hold.
    /// </summary>
    internal static async Task BumpVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken, string? slug = null)
    {
        await using var command = new NpgsqlCommand(slug is null
            ? "UPDATE knowledge.catalog_version SET version = version + 1 WHERE id = 1"
            : """
              WITH bumped AS (UPDATE knowledge.catalog_version SET version = version + 1 WHERE id = 1 RETURNING version)
              UPDATE knowledge.articles SET changed_version = (SELECT version FROM bumped) WHERE slug = @slug
              """, connection, transaction);
        if (slug is not null)
        {
            command.Parameters.AddWithValue("slug", slug);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ArticleRecord ReadArticle(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetFieldValue<string[]>(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetInt32(8),
        reader.GetFieldValue<DateTimeOffset>(9),
        reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11));
}
