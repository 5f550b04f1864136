namespace SupportPlatform.Notification.Smtp;

/// <summary>
/// One email ready for the wire. <paramref name="MessageIdHeader"/> is derived from the delivery id,
/// so the copies a retry may produce carry the same <c>Message-ID</c> and receivers can drop them.
/// </summary>
public sealed record OutgoingEmail(string To, string Subject, string HtmlBody, string TextBody, string MessageIdHeader);

/// <summary>Hands an email to the mail system; throws MailKit's <see cref="MailKit.Net.Smtp.SmtpCommandException"/> (a refusal) or an I/O error when it cannot.</summary>
public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
