using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Inbound.Answering;
using SupportPlatform.Notification.Templates;
using SupportPlatform.Notification.Smtp;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Notification.Inbound.Reading;

/// <summary>What became of one message of the support mailbox (a metric tag and a log word; never content).</summary>
public enum InboundOutcome
{
    Appended,
    Held,
    Duplicate,
    ClosedTooLong,
    InquiryGone,
    NoMatch,
    AutoReply,
    Bounce,
}

/// <summary>A message that can never be handled (Inquiry refused it as malformed): it is set aside, not retried.</summary>
public sealed class UnhandleableMailException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>
/// Handles one message of the support mailbox. The inquiry is found by the reply address's token
/// (any recipient), or else by In-Reply-To/References naming one of our emails to a customer; the
/// answer is handed to Inquiry, which checks token and sender and seals it. Auto-replies are dropped,
/// bounces mark the delivery. Nothing of the message is stored here or logged.
/// </summary>
public sealed class InboundMailHandler(
    InternalInquiryApi inquiries,
    DeliveryStore deliveries,
    MessageKeys messageKeys,
    MailboxAnswers answers,
    SenderLimit senders,
    IOptions<MailboxOptions> mailbox,
    IOptions<SmtpOptions> smtp,
    TimeProvider time)
{
    /// <summary>Inquiry's bound on an emailed text (<c>ReceiveEmailEndpoint.MaxText</c>); longer text is cut, not refused.</summary>
    private const int MaxText = 100_000;

    public async Task<InboundOutcome> HandleAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var mail = InboundMail.Read(message);
        var ourDomain = new System.Net.Mail.MailAddress(smtp.Value.From).Host;
        switch (mail.Kind)
        {
            case InboundKind.AutoReply:
                return InboundOutcome.AutoReply;
            case InboundKind.Bounce:
                foreach (var id in mail.BouncedMessageIds.Select(id => MessageIds.DeliveryOf(id, ourDomain)).OfType<Guid>())
                {
                    await deliveries.MarkBouncedAsync(id, time.GetUtcNow(), cancellationToken);
                }

                return InboundOutcome.Bounce;
        }

        var tokens = mail.Recipients
            .Select(address => ReplyAddresses.TokenOf(address, mailbox.Value.Address!))
            .OfType<string>()
            .Select(token => (Token: token, Inquiry: ReplyAddresses.TryRead(token, out var id, out _) ? id : Guid.Empty))
            .ToList();
        var answered = await deliveries.InquiriesOfDeliveriesAsync(
            [.. mail.Answers.Select(id => MessageIds.DeliveryOf(id, ourDomain)).OfType<Guid>()], cancellationToken);
        Guid? target = tokens.Count > 0 ? tokens[0].Inquiry : answered.Count > 0 ? answered[^1] : null;
        if (mail.From is null)
        {
            return InboundOutcome.NoMatch;
        }

        if (!senders.TryAcquire(mail.From.ToLowerInvariant()))
        {
            throw new UnhandleableMailException($"its sender sent more than {mailbox.Value.MaxPerSenderPerHour} messages within an hour");
        }

        if (target is not { } inquiryId)
        {
            await AnswerAsync(TemplateNames.UnmatchedMailAnswer, mail, ourDomain, cancellationToken);
            return InboundOutcome.NoMatch;
        }

        var email = new InboundEmail(
            messageKeys.Of(message),
            tokens.Count > 0 ? tokens[0].Token : null,
            answered.Contains(inquiryId),
            mail.From,
            Cut(mail.Text),
            Cut(mail.Original),
            mail.Authentication,
            mail.AuthenticationFailed,
            mail.Attachments);
        InboundEmailOutcome? outcome;
        try
        {
            outcome = await inquiries.ReceiveEmailAsync(inquiryId, email, cancellationToken);
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType)
        {
            throw new UnhandleableMailException($"Inquiry refused the message ({(int)e.StatusCode!})", e);
        }

        switch (outcome?.Outcome)
        {
            case null:
                return InboundOutcome.InquiryGone;
            case InboundEmailOutcome.Appended:
                return InboundOutcome.Appended;
            case InboundEmailOutcome.Held:
                return InboundOutcome.Held;
            case InboundEmailOutcome.Duplicate:
                return InboundOutcome.Duplicate;
            case InboundEmailOutcome.ClosedTooLong:
                await AnswerAsync(TemplateNames.ClosedInquiryAnswer, mail, ourDomain, cancellationToken);
                return InboundOutcome.ClosedTooLong;
            case var other:
                throw new UnhandleableMailException($"Inquiry answered an unknown outcome '{other}'");
        }
    }

    /// <summary>Never to ourselves (a loop through our own mailbox), and at most once a day per sender (<see cref="MailboxAnswers"/>).</summary>
    private async Task AnswerAsync(string template, InboundMail mail, string ourDomain, CancellationToken cancellationToken)
    {
        if (mail.From!.EndsWith("@" + ourDomain, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        await answers.AnswerAsync(template, mail.From, mail.MessageId, MailboxAnswers.IsKorean(mail.Original), cancellationToken);
    }

    private static string Cut(string text) => text.Length <= MaxText ? text : text[..MaxText];
}

/// <summary>
/// The dedupe key of a message: HMAC-SHA256 of its Message-ID (of its bytes when it has none), with
/// a key derived from the platform's signing key, so the key says nothing about the sender's domain.
/// </summary>
public sealed class MessageKeys(IConfiguration configuration)
{
    private readonly byte[] key = HMACSHA256.HashData(
        ServiceDefaults.StaffAuthentication.SigningKey(configuration).Key, "notification-inbound-message-key-v1"u8);

    public string Of(MimeMessage message)
    {
        if (message.MessageId is { Length: > 0 } id)
        {
            return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id.Trim())));
        }

        using var bytes = new MemoryStream();
        message.WriteTo(bytes);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, SHA256.HashData(bytes.ToArray())));
    }
}

/// <summary>
/// Messages per sender per hour (<see cref="MailboxOptions.MaxPerSenderPerHour"/>). In memory: one
/// reader handles the mailbox, and a restart forgetting the counts only lets a flood start over.
/// </summary>
public sealed class SenderLimit(IOptions<MailboxOptions> options)
    : FixedWindowPerKey(options.Value.MaxPerSenderPerHour, TimeSpan.FromHours(1));
