using Npgsql;
using SupportPlatform.Knowledge.Articles;

namespace SupportPlatform.Knowledge.Searching;

/// <summary>
/// The search index of this replica: built from the published articles in PostgreSQL at start,
/// rebuilt right after this replica changes an article, and rebuilt by <see cref="ArticleIndexRefresher"/>
/// when another replica has bumped the catalog version. Readers always see one complete snapshot.
/// </summary>
public sealed class ArticleIndex(NpgsqlDataSource dataSource, ILogger<ArticleIndex> logger)
{
    private readonly SemaphoreSlim rebuilding = new(1, 1);
    private volatile Snapshot current = new(SearchIndex.Empty, -1);

    public SearchIndex Current => current.Index;

    public long Version => current.Version;

    /// <summary>Rebuilds when the catalog version moved since the last build (or always, when forced).</summary>
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
            var articles = new List<IndexedArticle>();
            await using (var command = new NpgsqlCommand("""
                SELECT a.id, a.slug, a.title, a.category, c.name, a.products, a.body, a.updated_at
                FROM knowledge.articles a JOIN knowledge.categories c ON c.slug = a.category
                WHERE a.status = 'published'
                ORDER BY a.published_at, a.slug
                """, connection, transaction))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                var previous = current.Index;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (id, slug, updatedAt) = (reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(7));
                    if (previous.Unchanged(slug, id, updatedAt) is { } unchanged)
                    {
                        articles.Add(unchanged);
                        continue;
                    }

                    articles.Add(new IndexedArticle(
                        reader.GetGuid(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetString(3),
                        reader.GetString(4),
                        reader.GetFieldValue<string[]>(5),
                        ArticleMarkdown.ToPlainText(reader.GetString(6)),
                        reader.GetFieldValue<DateTimeOffset>(7)));
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

            await transaction.CommitAsync(cancellationToken);
            var extras = new IndexExtras(new DomainVocabulary(concepts), []);
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

    private sealed record Snapshot(SearchIndex Index, long Version);
}

/// <summary>Keeps replicas consistent: polls the catalog version (<c>Knowledge:IndexRefreshSeconds</c>, default 5).</summary>
public sealed class ArticleIndexRefresher(ArticleIndex index, IConfiguration configuration, ILogger<ArticleIndexRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.2, configuration.GetValue("Knowledge:IndexRefreshSeconds", 5.0)));
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
