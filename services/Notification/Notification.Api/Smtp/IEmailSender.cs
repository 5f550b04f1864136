namespace SupportPlatform.Notification.Smtp;

/// <summary>
/// One email ready for the wire. <paramref name="MessageIdHeader"/> is derived from the delivery id,
/// so the copies a retry may produce carry the same <c>Message-ID</c> and receivers can drop them.
/// </summary>
/// <param name="ReplyTo">Where the customer's answer goes (the inquiry's reply address), or null for none.</param>
/// <param name="Thread">The Message-IDs (with angle brackets) of the earlier emails of the conversation, oldest first:
/// the last is <c>In-Reply-To</c>, all are <c>References</c>.</param>
/// <param name="AutoReply">An automatic answer: marked <c>Auto-Submitted: auto-replied</c> (RFC 3834), so other responders do not answer it.</param>
public sealed record OutgoingEmail(
    string To, string Subject, string HtmlBody, string TextBody, string MessageIdHeader, string? ReplyTo = null, IReadOnlyList<string>? Thread = null,
    bool AutoReply = false);

/// <summary>Hands an email to the mail system; throws MailKit's <see cref="MailKit.Net.Smtp.SmtpCommandException"/> (a refusal) or an I/O error when it cannot.</summary>
public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
