using Npgsql;
using SupportPlatform.Agent.Staff;
using SupportPlatform.Postgres;

namespace SupportPlatform.Agent;

/// <summary>
/// The <c>agent</c> schema: staff accounts (ASP.NET Core Identity) and the audit log, mapped by
/// <see cref="StaffDbContext"/> and made by the numbered scripts in <c>Migrations/</c>. EF Core
/// reads and writes the tables but never creates or changes them: a change to the model comes with
/// a new script (docs/migrations.md).
/// </summary>
public static class AgentSchema
{
    /// <summary>Applies the scripts in <c>Migrations/</c> that the schema lacks (docs/migrations.md).</summary>
    public static Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        SchemaMigrations.ApplyAsync(
            services.GetRequiredService<NpgsqlDataSource>(),
            StaffDbContext.Schema,
            typeof(AgentSchema).Assembly,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentSchema)),
            cancellationToken);
}

/// <summary>Migrates the schema before the server accepts requests.</summary>
internal sealed class AgentSchemaInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => AgentSchema.MigrateAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
