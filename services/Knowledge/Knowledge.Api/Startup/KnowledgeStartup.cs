using Npgsql;
using SupportPlatform.Knowledge.Concepts;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.Knowledge.Seeding;

namespace SupportPlatform.Knowledge.Startup;

/// <summary>
/// Before the service takes requests or messages: the schema is migrated, the shipped articles are
/// loaded, and the search index is built (registered before the bus, so consumers never see an
/// empty index).
/// </summary>
public sealed class KnowledgeStartup(NpgsqlDataSource dataSource, SeedArticles seeds, ConceptStore concepts, TimeProvider time, ArticleIndex index, ILogger<KnowledgeStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await KnowledgeSchema.MigrateAsync(dataSource, logger, cancellationToken);
        var changed = await seeds.ApplyAsync(cancellationToken);
        logger.LogInformation("Seed articles applied: {Changed} created or revised", changed);
        var added = await concepts.SeedAsync(DomainVocabulary.Shipped(), time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Shipped vocabulary applied: {Added} concepts added", added);
        await index.RefreshAsync(cancellationToken, force: true);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
