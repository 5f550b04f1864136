using MassTransit;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Messaging;

namespace SupportPlatform.Notification.Deliveries.Purging;

/// <summary>
/// The inquiry was purged upstream: delete every delivery about it, with the rendered subjects and
/// bodies they hold, and remember its id so a late event cannot re-create them.
/// </summary>
public sealed partial class InquiryPurgedConsumer(NpgsqlDataSource dataSource, TimeProvider time, ILogger<InquiryPurgedConsumer> logger)
    : InboxConsumer<InquiryPurged>(dataSource, NotificationSchema.Name)
{
    protected override async Task HandleAsync(ConsumeContext<InquiryPurged> context, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var deleted = await DeliveryStore.PurgeAsync(connection, transaction, context.Message.InquiryId, time.GetUtcNow(), context.CancellationToken);
        LogPurged(context.Message.InquiryId, deleted, context.Message.Reason);
    }

    [LoggerMessage(LogLevel.Information, "Purged {Count} deliveries of inquiry {InquiryId} ({Reason})")]
    private partial void LogPurged(Guid inquiryId, int count, string reason);
}
