using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using SupportPlatform.Notification.Smtp;
using SupportPlatform.Postgres;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Notification.Deliveries.Sending;

/// <summary>
/// Sends claimed deliveries and records the outcome: accepted → sent; 5xx → failed, never retried;
/// transient → pending again with a backoff, for the <see cref="DeliveryRetryWorker"/>.
/// <para>
/// The SMTP boundary is at-least-once: if the server accepts the message and this process dies
/// before <c>sent</c> commits, the claim expires and the re-sender sends it again. No protocol can
/// close that window with a plain SMTP relay; the copies share one <c>Message-ID</c> (from the
/// delivery id), which lets mail stores and clients drop the duplicate. Everywhere else (broker
/// redelivery, duplicate publishes, replicas racing) the inbox and the claim keep it to one send.
/// </para>
/// </summary>
public sealed partial class DeliveryDispatcher(
    DeliveryStore store,
    IEmailSender sender,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    IOptions<SmtpOptions> smtpOptions,
    ILogger<DeliveryDispatcher> logger)
{
    private static readonly Counter<long> Sent = Telemetry.Meter.CreateCounter<long>(
        "supportplatform.notification.emails.sent", "{email}", "Emails accepted by the mail server.");

    private static readonly Counter<long> Failed = Telemetry.Meter.CreateCounter<long>(
        "supportplatform.notification.emails.failed", "{email}", "Emails given up on (permanent failure or too old).");

    private static readonly Counter<long> Deferred = Telemetry.Meter.CreateCounter<long>(
        "supportplatform.notification.emails.deferred", "{attempt}", "Send attempts that failed transiently and will be retried.");

    public DateTimeOffset LeaseUntil(DateTimeOffset now) => now + options.Value.SendLease;

    /// <summary>Sends one message's emails side by side, so a receipt never waits behind the staff alert.</summary>
    public Task SendAsync(IEnumerable<ClaimedDelivery> deliveries, CancellationToken cancellationToken) =>
        Task.WhenAll(deliveries.Select(delivery => SendAsync(delivery, cancellationToken)));

    public async Task SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var kind = new KeyValuePair<string, object?>("kind", delivery.Kind.ToName());
        try
        {
            await sender.SendAsync(ToOutgoing(delivery), cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: hand the delivery back now rather than after the lease.
            await store.DeferAsync(delivery.Id, "interrupted by shutdown", time.GetUtcNow(), CancellationToken.None);
            throw;
        }
        catch (Exception e) when (SmtpFailure.IsTransient(e))
        {
            var now = time.GetUtcNow();
            var settings = options.Value;
            if (now - delivery.CreatedAt >= settings.GiveUpAfter)
            {
                await store.MarkFailedAsync(delivery.Id, RecipientHash.Scrub($"gave up after {settings.GiveUpAfter}: {e.Message}", delivery.Recipient), now, CancellationToken.None);
                Failed.Add(1, kind);
                LogGaveUp(delivery.Id, delivery.Kind, delivery.Attempts + 1, e);
                return;
            }

            var delay = Backoff.After(delivery.Attempts + 1, settings.FirstRetryDelay, settings.MaxRetryDelay);
            await store.DeferAsync(delivery.Id, RecipientHash.Scrub(e.Message, delivery.Recipient), now + delay, CancellationToken.None);
            Deferred.Add(1, kind);
            LogDeferred(delivery.Id, delivery.Kind, delivery.Attempts + 1, delay, e.Message);
            return;
        }
        catch (Exception e) when (e is MailKit.Net.Smtp.SmtpCommandException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or MimeKit.ParseException or FormatException or ArgumentException)
        {
            await store.MarkFailedAsync(delivery.Id, RecipientHash.Scrub(e.Message, delivery.Recipient), time.GetUtcNow(), CancellationToken.None);
            Failed.Add(1, kind);
            LogFailed(delivery.Id, delivery.Kind, e);
            return;
        }

        await store.MarkSentAsync(delivery.Id, time.GetUtcNow(), CancellationToken.None);
        Sent.Add(1, kind);
        LogSent(delivery.Id, delivery.Kind, delivery.InquiryId);
    }

    private OutgoingEmail ToOutgoing(ClaimedDelivery delivery)
    {
        var from = new System.Net.Mail.MailAddress(smtpOptions.Value.From);
        return new OutgoingEmail(
            delivery.Recipient,
            delivery.Email.Subject,
            delivery.Email.HtmlBody,
            delivery.Email.TextBody,
            $"<{delivery.Id:N}@{from.Host}>");
    }

    [LoggerMessage(LogLevel.Information, "Sent {Kind} email {DeliveryId} for inquiry {InquiryId}")]
    private partial void LogSent(Guid deliveryId, DeliveryKind kind, Guid inquiryId);

    [LoggerMessage(LogLevel.Warning, "Deferred {Kind} email {DeliveryId} after attempt {Attempt}; retrying in {Delay}: {Reason}")]
    private partial void LogDeferred(Guid deliveryId, DeliveryKind kind, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(LogLevel.Error, "Failed {Kind} email {DeliveryId} permanently")]
    private partial void LogFailed(Guid deliveryId, DeliveryKind kind, Exception exception);

    [LoggerMessage(LogLevel.Error, "Gave up on {Kind} email {DeliveryId} after {Attempts} attempts")]
    private partial void LogGaveUp(Guid deliveryId, DeliveryKind kind, int attempts, Exception exception);
}
