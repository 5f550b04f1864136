using Npgsql;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Postgres;

namespace SupportPlatform.Inquiry;

/// <summary>
/// The tables of the <c>inquiry</c> schema that Marten does not own — the data keys, attachments
/// and the purge audit — made by the numbered scripts in <c>Migrations/</c>. Marten creates and
/// updates its own tables beside them (<see cref="InquiryStore"/>).
/// </summary>
public static class InquirySchema
{
    /// <summary>Applies the scripts in <c>Migrations/</c> that the schema lacks (docs/migrations.md).</summary>
    public static Task<IReadOnlyList<string>> MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken = default) =>
        SchemaMigrations.ApplyAsync(dataSource, InquiryStore.Schema, typeof(InquirySchema).Assembly, logger, cancellationToken);
}

/// <summary>Migrates the schema before anything else starts, and fails the start when the personal-data keys are not configured.</summary>
internal sealed class InquirySchemaInitializer(NpgsqlDataSource dataSource, PersonalDataKeys keys, ILogger<InquirySchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await InquirySchema.MigrateAsync(dataSource, logger, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
