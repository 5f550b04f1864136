using Npgsql;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.ServiceDefaults.Rendering;

namespace SupportPlatform.Knowledge.Searching;

/// <summary>
/// The search index of this replica. Built from the published articles and the domain vocabulary in
/// PostgreSQL at start; afterwards each refresh fetches only the articles stamped with a catalog
/// version newer than the one it holds and patches them in (milliseconds at 10,000 articles), so an
/// edit shows at once on the replica that made it and within one poll on the others. Changes a patch
/// cannot express — an article leaving, a vocabulary edit, rows written without a stamp — rebuild
/// everything. Readers always see one complete snapshot.
/// </summary>
public sealed class ArticleIndex(NpgsqlDataSource dataSource, ILogger<ArticleIndex> logger)
{
    /// <summary>More changed articles than this at once are cheaper to rebuild than to patch one by one.</summary>
    public const int MaxPatch = 500;

    private const string SelectArticles = """
        SELECT a.id, a.slug, a.title, a.category, c.name, a.products, a.body, a.updated_at, a.status = 'published'
        FROM knowledge.articles a JOIN knowledge.categories c ON c.slug = a.category
        """;

    private readonly SemaphoreSlim rebuilding = new(1, 1);
    private volatile Snapshot current = new(SearchIndex.Empty, -1);

    public SearchIndex Current => current.Index;

    public long Version => current.Version;

    /// <summary>Brings the index up to the catalog version: a patch when it can, a full build when it must (or when forced).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken, bool force = false)
    {
        await rebuilding.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            // One snapshot for the version and the rows, so the version always describes what was loaded.
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            long version;
            await using (var read = new NpgsqlCommand("SELECT version FROM knowledge.catalog_version WHERE id = 1", connection, transaction))
            {
                version = (long)(await read.ExecuteScalarAsync(cancellationToken))!;
            }

            if (!force && version == current.Version)
            {
                return;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            if (!force && current.Version >= 0 && await ChangedSinceAsync(connection, transaction, current.Version, cancellationToken) is { } changed)
            {
                await transaction.CommitAsync(cancellationToken);
                current = new Snapshot(current.Index.Patch(changed), version);
                logger.LogInformation(
                    "Search index patched to catalog version {Version}: {Articles} articles in {ElapsedMs:0.0} ms",
                    version, changed.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return;
            }

            var articles = new List<IndexedArticle>();
            await using (var command = new NpgsqlCommand(SelectArticles + " WHERE a.status = 'published' ORDER BY a.published_at, a.slug", connection, transaction))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                var previous = current.Index;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (id, slug, updatedAt) = (reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(7));
                    articles.Add(previous.Unchanged(slug, id, updatedAt) ?? Read(reader));
                }
            }

            // The domain vocabulary staff keep, as of the same snapshot.
            var concepts = new List<Concept>();
            await using (var command = new NpgsqlCommand("SELECT key, phrases, articles FROM knowledge.concepts WHERE NOT deleted ORDER BY key", connection, transaction))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    concepts.Add(new Concept(reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetFieldValue<string[]>(2)));
                }
            }

            // And the terms learned from use that staff have not rejected.
            var learned = new List<LearnedTerm>();
            await using (var command = new NpgsqlCommand("SELECT slug, term, weight FROM knowledge.learned_terms WHERE status = 'active'", connection, transaction))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    learned.Add(new LearnedTerm(reader.GetString(0), reader.GetString(1), reader.GetFloat(2)));
                }
            }

            await transaction.CommitAsync(cancellationToken);
            var extras = new IndexExtras(new DomainVocabulary(concepts), learned);
            current = new Snapshot(SearchIndex.Build(articles, current.Index, extras), version);
            logger.LogInformation(
                "Search index rebuilt at catalog version {Version}: {Articles} published articles in {ElapsedMs} ms",
                version, articles.Count, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            rebuilding.Release();
        }
    }

    /// <summary>
    /// The articles stamped since <paramref name="since"/>, when a patch can apply them: some were
    /// stamped, none too many, and every one is published (an article leaving needs a rebuild). Null otherwise.
    /// </summary>
    private static async Task<List<IndexedArticle>?> ChangedSinceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long since, CancellationToken cancellationToken)
    {
        var changed = new List<IndexedArticle>();
        await using var command = new NpgsqlCommand(SelectArticles + " WHERE a.changed_version > @since ORDER BY a.changed_version LIMIT @limit", connection, transaction);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("limit", MaxPatch + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.GetBoolean(8))
            {
                return null;
            }

            changed.Add(Read(reader));
        }

        // Nothing stamped means the version moved for something else (the vocabulary, a bulk load).
        return changed.Count is 0 or > MaxPatch ? null : changed;
    }

    private static IndexedArticle Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetFieldValue<string[]>(5),
        SafeMarkdown.ToPlainText(reader.GetString(6), MarkdownProfile.Article),
        reader.GetFieldValue<DateTimeOffset>(7));

    private sealed record Snapshot(SearchIndex Index, long Version);
}

/// <summary>Keeps replicas consistent: polls the catalog version (<c>Knowledge:IndexRefreshSeconds</c>, default 0.5; a patch makes that cheap).</summary>
public sealed class ArticleIndexRefresher(ArticleIndex index, IConfiguration configuration, ILogger<ArticleIndexRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.2, configuration.GetValue("Knowledge:IndexRefreshSeconds", 0.5)));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await index.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Search index refresh failed; serving the previous snapshot");
            }
        }
    }
}
