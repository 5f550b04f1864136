using System.Reflection;
using DbUp;
using DbUp.Postgresql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SupportPlatform.Postgres;

/// <summary>
/// Applies a service's numbered SQL scripts, each once and in name order, with DbUp
/// (docs/migrations.md). The scripts are embedded resources named <c>Migrations/0001_initial.sql</c>,
/// …; each runs in its own transaction together with its row in the journal,
/// <c>&lt;schema&gt;.schema_migrations</c>. Replicas starting together take the session advisory lock
/// <c>schema:&lt;schema&gt;</c> first, so one applies the scripts and the others then find nothing to do.
/// </summary>
public static class SchemaMigrations
{
    public const string JournalTable = "schema_migrations";

    /// <summary>The resource folder of a service schema's scripts.</summary>
    public const string DefaultFolder = "Migrations";

    /// <summary>
    /// Applies the scripts the journal lacks; returns their names (none when the schema is current).
    /// <paramref name="folder"/> names the resource folder, for a schema of a store of its own (Inquiry's shred list).
    /// </summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(
        NpgsqlDataSource dataSource, string schema, Assembly scripts, ILogger logger, CancellationToken cancellationToken = default, string folder = DefaultFolder)
    {
        var prefix = folder + "/";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (await AdvisoryLocks.LockSessionAsync(connection, "schema:" + schema, cancellationToken))
        {
            // The journal lives in the service's schema, which must exist before DbUp creates it.
            await using (var create = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {schema}", connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var upgrade = DeployChanges.To
                .PostgresqlDatabase(new PostgresqlConnectionManager(dataSource))
                .WithScriptsEmbeddedInAssembly(scripts, name => name.StartsWith(prefix, StringComparison.Ordinal))
                .JournalToPostgresqlTable(schema, JournalTable)
                .WithTransactionPerScript()
                // Scripts are plain SQL: $name$ is PL/pgSQL quoting, never a DbUp variable.
                .WithVariablesDisabled()
                .LogToNowhere()
                .Build();
            var result = await Task.Run(upgrade.PerformUpgrade, cancellationToken);
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Migrating schema {schema} failed at {result.ErrorScript?.Name}.", result.Error);
            }

            string[] applied = [.. result.Scripts.Select(script => script.Name)];
            logger.LogInformation("Schema {Schema} is current; applied now: {Scripts}", schema, applied.Length == 0 ? "none" : string.Join(", ", applied));
            return applied;
        }
    }
}
