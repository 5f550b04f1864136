using Npgsql;
using SupportPlatform.EventStore;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.ReadModels;
using SupportPlatform.Inquiry.Retention.Purging;

namespace SupportPlatform.Inquiry;

/// <summary>
/// The service's own schema: the event store, the data keys, attachments, the read models and the purge audit.
/// Every table is keyed by inquiry id, so a purge is "delete the key, then delete where inquiry_id = …".
/// </summary>
public static class InquirySchema
{
    public const string Name = "inquiry";

    public const string StreamType = "inquiry";

    public static string Sql =>
        EventStoreSchema.Sql(Name) + DataKeyStore.Sql(Name) + AttachmentStore.Sql(Name) + InquiryReadModelsProjection.Sql(Name) + PurgeAudit.Sql(Name);
}

/// <summary>Creates the schema before anything else starts, and fails the start when the personal-data keys are not configured.</summary>
internal sealed class InquirySchemaInitializer(NpgsqlDataSource dataSource, PersonalDataKeys keys, ILogger<InquirySchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await EventStoreSchema.ApplyAsync(dataSource, InquirySchema.Name, InquirySchema.Sql, cancellationToken);
        logger.LogInformation("Schema {Schema} is ready", InquirySchema.Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
