using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
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
/// </summary>
public static class ReceiveEmailEndpoint
{
    public const int MaxText = 100_000;

    public static RouteGroupBuilder MapReceiveEmail(this RouteGroupBuilder internalApi)
    {
        internalApi.MapPost("/inquiries/{id:guid}/emails", Handle)
            .WithBodySizeLimit(1024 * 1024)
            .WithName("ReceiveInquiryEmail")
            .WithSummary("A customer's emailed answer to the inquiry: appended, held for an agent, or refused when closed too long.");
        return internalApi;
    }

    private static async Task<Results<Ok<InboundEmailOutcome>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, InboundEmail request, InquiryStreams streams, DataKeyStore keys, PersonalDataKeys personalData, InquiryCommands commands,
        IConfiguration configuration, ILoggerFactory loggers, CancellationToken cancellationToken)
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
            configuration.GetValue("EmailReplies:ReopenWindow", TimeSpan.FromDays(30)));
        var outcome = await commands.ExecuteAsync(id, Expect.Current, (state, now) => InquiryDecisions.ReceiveEmail(state, command, now), cancellationToken);
        var logger = loggers.CreateLogger(typeof(ReceiveEmailEndpoint));
        switch (outcome)
        {
            case CommandOutcome.Refused { Error: var error } when error == DomainError.ClosedTooLong:
                logger.LogInformation("An emailed answer to inquiry {InquiryId} came after its reopening window; not stored", id);
                return TypedResults.Ok(new InboundEmailOutcome(id, messageId, InboundEmailOutcome.ClosedTooLong));
            case CommandOutcome.Accepted:
                var result = command.Trusted ? InboundEmailOutcome.Appended : InboundEmailOutcome.Held;
                logger.LogInformation("Emailed answer {MessageId} to inquiry {InquiryId}: {Outcome}", messageId, id, result);
                return TypedResults.Ok(new InboundEmailOutcome(id, messageId, result));
            default:
                return Problems.From(outcome);
        }
    }

    /// <summary>One id per message and inquiry, the same at every attempt.</summary>
    public static Guid MessageIdOf(Guid inquiryId, string messageKey) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"email-reply:{inquiryId:N}:{messageKey}"))[..16]);
}
