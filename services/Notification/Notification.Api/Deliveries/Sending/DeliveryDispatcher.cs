using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.DependencyInjection;
using Polly.Retry;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Smtp;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Notification.Deliveries.Sending;

/// <summary>
/// Composes and sends claimed deliveries and records the outcome: accepted → sent; 5xx → failed,
/// never retried; transient (the mail server, or Inquiry's internal API, unreachable) → pending again
/// with a backoff, for the <see cref="DeliveryRetryWorker"/>; the inquiry gone → cancelled. The email
/// is composed anew at each attempt (<see cref="IEmailComposer"/>) and exists only in memory.
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
    IServiceScopeFactory scopes,
    RecipientHash recipientHash,
    IEmailSender sender,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    IOptions<SmtpOptions> smtpOptions,
    IOptions<Inbound.MailboxOptions> mailboxOptions,
    [FromKeyedServices(DeliveryDispatcher.RecordingSent)] ResiliencePipeline recordingSent,
    ILogger<DeliveryDispatcher> logger)
{
    private static readonly Counter<long> Sent = Telemetry.Meter.CreateCounter<long>(
        "supportplatform.notification.emails.sent", "{email}", "Emails accepted by the mail server.");

    private static readonly Counter<long> Failed = Telemetry.Meter.CreateCounter<long>(
        "supportplatform.notification.emails.failed", "{email}", "Emails given up on (permanent failure or too old).");

    private static readonly Counter<long> Deferred = Telemetry.Meter.CreateCounter<long>(
        "supportplatform.notification.emails.deferred", "{attempt}", "Send attempts that failed transiently and will be retried.");

    /// <summary>The key of the pipeline that retries recording a sent email (<see cref="RecordSentAsync"/>).</summary>
    public const string RecordingSent = "notification-recording-sent";

    private static readonly ResiliencePropertyKey<Guid> DeliveryIdKey = new("notification.delivery-id");

    /// <summary>
    /// Retries on database errors, at most a second apart, for <see cref="RecordingSentLeases"/>
    /// leases, backing off exponentially with jitter, so replicas that lost the database together
    /// do not come back in step. The email is out: giving up early hands it to the re-sender once
    /// the claim lapses, and it goes out twice (the fault suite's postgres-restart saw 41 duplicates
    /// when a slow restart kept PostgreSQL away for longer than 0.8 of its 30 s lease, the bound then).
    /// While this retries, a re-sender that takes the lapsed claim waits for it (<see cref="DeliveryStore.TakeOverGrace"/>).
    /// </summary>
    public static void ConfigureRecordingSent(ResiliencePipelineBuilder pipeline, AddResiliencePipelineContext<string> context)
    {
        var logger = context.ServiceProvider.GetRequiredService<ILogger<DeliveryDispatcher>>();
        // A database outage passes in real time: the waits and the bound stay on the system clock
        // (Polly would otherwise take the service's TimeProvider, which tests replace with a fake).
        pipeline.TimeProvider = TimeProvider.System;
        pipeline
            .AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<NotificationOptions>>().Value.SendLease * RecordingSentLeases)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>().Handle<TimeoutException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                // At most a second apart: the database back a moment before the bound must still get
                // the update, or the lease expires and the email goes out twice (the fault suite saw
                // it with 5 s: a 20 s outage, and the next try fell past the bound).
                MaxDelay = TimeSpan.FromSeconds(1),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    LogRecordingSentFailed(logger, args.Context.Properties.GetValue(DeliveryIdKey, Guid.Empty), args.AttemptNumber + 1, args.Outcome.Exception?.Message);
                    return default;
                },
            });
    }

    /// <summary>How many leases recording a sent email keeps trying through a database outage (10 minutes by default).</summary>
    public const int RecordingSentLeases = 5;

    public DateTimeOffset LeaseUntil(DateTimeOffset now) => now + options.Value.SendLease;

    /// <summary>Sends one message's emails side by side, so a receipt never waits behind the staff alert.</summary>
    public Task SendAsync(IEnumerable<ClaimedDelivery> deliveries, CancellationToken cancellationToken) =>
        Task.WhenAll(deliveries.Select(delivery => SendAsync(delivery, cancellationToken)));

    /// <summary>
    /// Sends one claimed delivery while keeping its claim: every third of <c>Notification:SendLease</c>
    /// the claim is extended, so a send that outlasts the lease (Inquiry's API slow to answer the
    /// composer, an SMTP server slow to accept) is never taken by another replica's re-sender and sent
    /// twice. A claim that already went to another replica (this one waited too long in a batch) is
    /// left to it. Every step of a send is bounded (the HTTP client's timeout, <c>Smtp:Timeout</c>,
    /// recording within <see cref="RecordingSentLeases"/> leases), so the claim is not kept forever; a dead process stops extending,
    /// and its claim runs out as before.
    /// </summary>
    public async Task SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.TakenOver)
        {
            // Its last holder may have sent it while the database was away and record it any moment
            // now; in real time, as the outage passed (tests replace the service's clock).
            await Task.Delay(DeliveryStore.TakeOverGrace, TimeProvider.System, cancellationToken);
        }

        var claim = await ClaimOf(delivery);
        if (claim is null)
        {
            LogClaimGone(delivery.Id, delivery.Kind);
            return;
        }

        using var sent = new CancellationTokenSource();
        var keeping = KeepClaimAsync(delivery, claim.Value, sent.Token);
        try
        {
            await SendClaimedAsync(delivery, cancellationToken);
        }
        finally
        {
            await sent.CancelAsync();
            await keeping;
        }
    }

    /// <summary>
    /// The claim to keep: as the claimer stored it while fresh; once a third of the lease has gone
    /// (a delivery that waited its turn in a batch), or when taken over, extended first — and null
    /// if it is no longer ours or no longer pending (its last holder recorded it meanwhile).
    /// </summary>
    private async ValueTask<DateTimeOffset?> ClaimOf(ClaimedDelivery delivery)
    {
        var now = time.GetUtcNow();
        return !delivery.TakenOver && delivery.ClaimedUntil - now > ExtendEvery * 2
            ? delivery.ClaimedUntil
            : await store.ExtendClaimAsync(delivery.Id, delivery.ClaimedUntil, LeaseUntil(now), CancellationToken.None);
    }

    private TimeSpan ExtendEvery => options.Value.SendLease / 3;

    private async Task KeepClaimAsync(ClaimedDelivery delivery, DateTimeOffset claim, CancellationToken sent)
    {
        // Created before the first await, so a test's fake clock cannot move past a tick unseen.
        using var timer = new PeriodicTimer(ExtendEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(sent))
            {
                try
                {
                    var now = time.GetUtcNow();
                    if (await store.ExtendClaimAsync(delivery.Id, claim, LeaseUntil(now), sent) is not { } extended)
                    {
                        if (!sent.IsCancellationRequested)
                        {
                            LogClaimLost(delivery.Id, delivery.Kind);
                        }

                        return;
                    }

                    claim = extended;
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    // The next tick tries again while the claim still has two thirds to run.
                    LogClaimNotExtended(delivery.Id, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (sent.IsCancellationRequested)
        {
            // The send is over.
        }
    }

    private async Task SendClaimedAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var kind = new KeyValuePair<string, object?>("kind", delivery.Kind.ToName());
        ComposedEmail? email = null;
        try
        {
            email = await ComposeAsync(delivery, cancellationToken);
            if (email is null)
            {
                await store.MarkCancelledAsync(delivery.Id, time.GetUtcNow(), CancellationToken.None);
                LogCancelled(delivery.Id, delivery.Kind, delivery.InquiryId);
                return;
            }

            // Once the SMTP session starts it runs to its end (bounded by Smtp:Timeout), even when the
            // consumer is cancelled (broker connection lost, shutdown): cancelling after the server
            // stored the message but before its 250 would have it sent again.
            var thread = await ThreadOfAsync(delivery, cancellationToken);
            await sender.SendAsync(ToOutgoing(delivery, email, thread), CancellationToken.None);
        }
        catch (Exception e) when (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: hand the delivery back now rather than after the lease.
            await store.DeferAsync(delivery.Id, "interrupted by shutdown", time.GetUtcNow(), CancellationToken.None);
            throw;
        }
        catch (Exception e) when (SmtpFailure.IsTransient(e) || IsInquiryUnavailable(e, cancellationToken))
        {
            var now = time.GetUtcNow();
            var settings = options.Value;
            if (now - delivery.CreatedAt >= settings.GiveUpAfter)
            {
                await store.MarkFailedAsync(delivery.Id, HashOf(email), RecipientHash.Scrub($"gave up after {settings.GiveUpAfter}: {e.Message}", email?.Recipient), now, CancellationToken.None);
                Failed.Add(1, kind);
                LogGaveUp(delivery.Id, delivery.Kind, delivery.Attempts + 1, e);
                return;
            }

            var delay = RetrySchedule.After(delivery.Attempts + 1, settings.FirstRetryDelay, settings.MaxRetryDelay);
            await store.DeferAsync(delivery.Id, RecipientHash.Scrub(e.Message, email?.Recipient), now + delay, CancellationToken.None);
            Deferred.Add(1, kind);
            LogDeferred(delivery.Id, delivery.Kind, delivery.Attempts + 1, delay, e.Message);
            return;
        }
        catch (Exception e) when (e is MailKit.Net.Smtp.SmtpCommandException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or MimeKit.ParseException or FormatException or ArgumentException)
        {
            await store.MarkFailedAsync(delivery.Id, HashOf(email), RecipientHash.Scrub(e.Message, email?.Recipient), time.GetUtcNow(), CancellationToken.None);
            Failed.Add(1, kind);
            LogFailed(delivery.Id, delivery.Kind, e);
            return;
        }

        await RecordSentAsync(delivery.Id, recipientHash.Of(email.Recipient));
        Sent.Add(1, kind);
        LogSent(delivery.Id, delivery.Kind, delivery.InquiryId);
    }

    /// <summary>
    /// The email is out: record that even while the database is away, retrying through an outage of
    /// up to <see cref="RecordingSentLeases"/> leases; the claim lapses meanwhile, but whoever takes
    /// the lapsed claim waits <see cref="DeliveryStore.TakeOverGrace"/>, longer than this waits
    /// between tries, and then finds the email recorded.
    /// </summary>
    private async Task RecordSentAsync(Guid deliveryId, string hash)
    {
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(DeliveryIdKey, deliveryId);
        try
        {
            await recordingSent.ExecuteAsync(
                async attempt => await store.MarkSentAsync(deliveryId, hash, time.GetUtcNow(), attempt.CancellationToken),
                context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<ComposedEmail?> ComposeAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var composer = scope.ServiceProvider.GetRequiredKeyedService<IEmailComposer>(delivery.MessageType);
        return await composer.ComposeAsync(delivery.Request, delivery.Kind, cancellationToken);
    }

    /// <summary>
    /// Inquiry's internal API did not answer usefully (down, timing out, a 5xx, a refused service
    /// token): the email can be composed later, so the delivery waits like after an SMTP 4xx. A 404
    /// is not among these: it means the inquiry is gone (composers return null).
    /// </summary>
    private static bool IsInquiryUnavailable(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private string? HashOf(ComposedEmail? email) => email is null ? null : recipientHash.Of(email.Recipient);

    private string OurDomain => new System.Net.Mail.MailAddress(smtpOptions.Value.From).Host;

    /// <summary>
    /// The customer's conversation: the receipt and the replies sent before this one, so every mail
    /// client threads them, whatever it keys threads on. Staff alerts stand alone.
    /// </summary>
    private async Task<IReadOnlyList<string>> ThreadOfAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        if (!DeliveryKinds.ToCustomer(delivery.Kind))
        {
            return [];
        }

        var domain = OurDomain;
        return [.. (await store.EarlierToCustomerAsync(delivery.InquiryId, delivery.Id, cancellationToken)).Select(id => MessageIds.For(id, domain))];
    }

    private OutgoingEmail ToOutgoing(ClaimedDelivery delivery, ComposedEmail composed, IReadOnlyList<string> thread) => new(
        composed.Recipient,
        composed.Email.Subject,
        composed.Email.HtmlBody,
        composed.Email.TextBody,
        MessageIds.For(delivery.Id, OurDomain),
        composed.ReplyToken is { } token && mailboxOptions.Value.Address is { Length: > 0 } mailbox ? ReplyAddresses.For(mailbox, token) : null,
        thread);

    [LoggerMessage(LogLevel.Information, "Sent {Kind} email {DeliveryId} for inquiry {InquiryId}")]
    private partial void LogSent(Guid deliveryId, DeliveryKind kind, Guid inquiryId);

    [LoggerMessage(LogLevel.Warning, "Email {DeliveryId} was sent but recording it failed (attempt {Attempt}); trying again: {Reason}")]
    private static partial void LogRecordingSentFailed(ILogger logger, Guid deliveryId, int attempt, string? reason);

    [LoggerMessage(LogLevel.Information, "Skipped {Kind} email {DeliveryId}: its claim ran out before its turn and another replica holds it now")]
    private partial void LogClaimGone(Guid deliveryId, DeliveryKind kind);

    [LoggerMessage(LogLevel.Warning, "The claim on {Kind} email {DeliveryId} ran out while it was being sent and another replica took it; it may go out twice (same Message-ID)")]
    private partial void LogClaimLost(Guid deliveryId, DeliveryKind kind);

    [LoggerMessage(LogLevel.Warning, "Could not extend the claim on email {DeliveryId}; trying at the next tick: {Reason}")]
    private partial void LogClaimNotExtended(Guid deliveryId, string reason);

    [LoggerMessage(LogLevel.Information, "Cancelled {Kind} email {DeliveryId}: inquiry {InquiryId} no longer exists")]
    private partial void LogCancelled(Guid deliveryId, DeliveryKind kind, Guid inquiryId);

    [LoggerMessage(LogLevel.Warning, "Deferred {Kind} email {DeliveryId} after attempt {Attempt}; retrying in {Delay}: {Reason}")]
    private partial void LogDeferred(Guid deliveryId, DeliveryKind kind, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(LogLevel.Error, "Failed {Kind} email {DeliveryId} permanently")]
    private partial void LogFailed(Guid deliveryId, DeliveryKind kind, Exception exception);

    [LoggerMessage(LogLevel.Error, "Gave up on {Kind} email {DeliveryId} after {Attempts} attempts")]
    private partial void LogGaveUp(Guid deliveryId, DeliveryKind kind, int attempts, Exception exception);
}
