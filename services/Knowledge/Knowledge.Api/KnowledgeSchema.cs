using Npgsql;
using SupportPlatform.Postgres;

namespace SupportPlatform.Knowledge;

/// <summary>
/// The <c>knowledge</c> schema: articles and their revisions, the vocabulary, the catalog version
/// replicas compare, feedback and the funnel, suggestions and gaps per inquiry (ids only), learned
/// terms. The tables are made by the numbered scripts in <c>Migrations/</c>.
/// </summary>
public static class KnowledgeSchema
{
    public const string Name = "knowledge";

    /// <summary>Applies the scripts in <c>Migrations/</c> that the schema lacks (docs/migrations.md).</summary>
    public static Task<IReadOnlyList<string>> MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken = default) =>
        SchemaMigrations.ApplyAsync(dataSource, Name, typeof(KnowledgeSchema).Assembly, logger, cancellationToken);
}
