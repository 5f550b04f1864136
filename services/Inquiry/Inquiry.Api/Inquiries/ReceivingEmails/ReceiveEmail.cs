using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.ReceivingEmails;

/// <summary>
/// <c>POST /internal/inquiries/{id}/emails</c>: Notification hands over a customer's emailed answer,
/// read from the support mailbox, and Inquiry decides (it holds the key): the reply address's token
/// is checked against the inquiry's key and the sender against the inquiry's address (keyed hashes),
/// then the answer is sealed and appended — or held for an agent, or refused for an inquiry closed
/// longer than the window. Idempotent per message: its id is derived from the message key, so a
/// message handed over twice (a crash between this call and the mailbox's expunge) is stored once.
/// Its files go into the attachment store under the upload's rules (<see cref="EmailAttachments"/>),
/// bound to the inquiry and sealed with its key, before the message is appended; ids derived from
/// the message's make that idempotent too, and they are deleted again if the inquiry does not take it.
/// </summary>
public static class ReceiveEmailEndpoint
{
    public const int MaxText = 100_000;

    /// <summary>Both texts, and the files' content as base64 (4 bytes for 3).</summary>
    private const long MaxBody = 2 * 1024 * 1024 + InboundAttachment.MaxTotalBytes / 3 * 4 + 64 * 1024;

    public static RouteGroupBuilder MapReceiveEmail(this RouteGroupBuilder internalApi)
    {
        internalApi.MapPost("/inquiries/{id:guid}/emails", Handle)
            .WithBodySizeLimit(MaxBody)
            .WithName("ReceiveInquiryEmail")
            .WithSummary("A customer's emailed answer to the inquiry: appended, held for an agent, or refused when closed too long.");
        return internalApi;
    }

    private static async Task<Results<Ok<InboundEmailOutcome>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, InboundEmail request, InquiryStreams streams, DataKeyStore keys, PersonalDataKeys personalData, InquiryCommands commands,
        AttachmentStore attachments, TimeProvider time, IConfiguration configuration, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var messageKey = errors.Text("messageKey", request.MessageKey, 128, required: true);
        var from = errors.Text("from", request.From, 320, required: true);
        var text = errors.Text("text", request.Text, MaxText, required: false) ?? string.Empty;
        var original = errors.Text("original", request.Original, MaxText, required: false) ?? string.Empty;
        errors.Text("authentication", request.Authentication, 200, required: false);
        if (from is not null && !System.Net.Mail.MailAddress.TryCreate(from, out _))
        {
            errors.Add("from", "Must be an email address.");
        }

        var files = request.Attachments ?? [];
        if (files.Count > InboundAttachment.MaxListed)
        {
            errors.Add("attachments", $"At most {InboundAttachment.MaxListed} files.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await keys.FindAsync(id, cancellationToken) is not { } key || await streams.LoadAsync(id, cancellationToken) is not { } inquiry)
        {
            return Problems.InquiryNotFound();
        }

        var messageId = MessageIdOf(id, messageKey!);
        if (inquiry.Events.Any(e => e is CustomerReplied r && r.MessageId == messageId || e is CustomerEmailHeld h && h.MessageId == messageId))
        {
            return TypedResults.Ok(new InboundEmailOutcome(id, messageId, InboundEmailOutcome.Duplicate));
        }

        var reopenWindow = configuration.GetValue("EmailReplies:ReopenWindow", TimeSpan.FromDays(30));
        var logger = loggers.CreateLogger(typeof(ReceiveEmailEndpoint));
        if (InquiryDecisions.IsClosedTooLong(inquiry.State, reopenWindow, time.GetUtcNow()))
        {
            logger.LogInformation("An emailed answer to inquiry {InquiryId} came after its reopening window; not stored", id);
            return TypedResults.Ok(new InboundEmailOutcome(id, messageId, InboundEmailOutcome.ClosedTooLong));
        }

        var (kept, refused) = EmailAttachments.Sort(files);
        var stored = new List<AttachmentRef>(kept.Count);
        foreach (var file in kept)
        {
            stored.Add(await attachments.StoreForInquiryAsync(id, key, EmailAttachments.IdOf(messageId, file.Index), file.FileName, file.Type, file.Content, cancellationToken));
        }

        var senderMatches = personalData.LookupKeys.Matches(from!, inquiry.Submission.EmailHash);
        var addressed = ReplyTokens.Matches(key, id, request.ReplyToken) || (request.ReplyToken is null && request.AnswersOurEmail);
        var authentication = request.Authentication is { Length: > 0 } verdicts ? new EmailAuthentication(verdicts, request.AuthenticationFailed) : null;
        var command = new ReceiveEmail(
            messageId,
            key.Seal(id, from!),
            key.Seal(id, text),
            key.Seal(id, original),
            authentication,
            Trusted: senderMatches && addressed,
            HoldReason: senderMatches ? "reply-address" : "sender",
            reopenWindow,
            stored,
            [.. refused.Select(r => new DroppedAttachment(key.Seal(id, r.FileName), r.Reason))]);
        var outcome = await commands.ExecuteAsync(id, Expect.Current, (state, now) => InquiryDecisions.ReceiveEmail(state, command, now), cancellationToken);
        if (outcome is CommandOutcome.Refused && stored.Count > 0)
        {
            await attachments.DeleteAsync(id, [.. stored.Select(a => a.AttachmentId)], cancellationToken);
        }

        switch (outcome)
        {
            case CommandOutcome.Refused { Error: var error } when error == DomainError.ClosedTooLong:
                logger.LogInformation("An emailed answer to inquiry {InquiryId} came after its reopening window; not stored", id);
                return TypedResults.Ok(new InboundEmailOutcome(id, messageId, InboundEmailOutcome.ClosedTooLong));
            case CommandOutcome.Accepted:
                var result = command.Trusted ? InboundEmailOutcome.Appended : InboundEmailOutcome.Held;
                logger.LogInformation(
                    "Emailed answer {MessageId} to inquiry {InquiryId}: {Outcome}, {AttachmentCount} files stored, {DroppedCount} dropped",
                    messageId, id, result, stored.Count, refused.Count);
                return TypedResults.Ok(new InboundEmailOutcome(id, messageId, result));
            default:
                return Problems.From(outcome);
        }
    }

    /// <summary>One id per message and inquiry, the same at every attempt.</summary>
    public static Guid MessageIdOf(Guid inquiryId, string messageKey) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"email-reply:{inquiryId:N}:{messageKey}"))[..16]);
}
