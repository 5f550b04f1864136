using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Smtp;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Inbound.Answering;

/// <summary>
/// The short automatic answer to mail the support mailbox cannot take — an answer to an inquiry
/// closed longer than the reopening window, or mail that matches no inquiry — pointing to the 1:1
/// form (where consent comes first). At most one per sender per day; nothing of it is stored: the
/// day's senders are kept in memory as keyed hashes (one reader runs at a time, so this is the
/// only place they are counted; a restart may answer a sender once more that day).
/// </summary>
public sealed class MailboxAnswers(
    IEmailSender sender,
    EmailTemplates templates,
    IOptions<NotificationOptions> options,
    IOptions<SmtpOptions> smtp,
    RecipientHash recipientHash,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateOnly> answered = new();

    /// <summary>Sends the answer unless this sender got one today; true when sent.</summary>
    public async Task<bool> AnswerAsync(string template, string to, string? inReplyTo, bool korean, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var key = recipientHash.Of(to);
        if (answered.TryGetValue(key, out var last) && last == today)
        {
            return false;
        }

        answered[key] = today;
        foreach (var stale in answered.Where(entry => entry.Value < today).Select(entry => entry.Key).ToList())
        {
            answered.TryRemove(stale, out _);
        }

        var email = templates.Render(template, korean ? EmailTemplates.Korean : EmailTemplates.English, new MailboxAnswerModel(
            $"{options.Value.LoungeBaseUrl.TrimEnd('/')}/inquiries/new"));
        var domain = new System.Net.Mail.MailAddress(smtp.Value.From).Host;
        await sender.SendAsync(
            new OutgoingEmail(
                to, email.Subject, email.HtmlBody, email.TextBody, MessageIds.For(Guid.CreateVersion7(), domain),
                Thread: inReplyTo is null ? null : [$"<{inReplyTo.Trim('<', '>')}>"],
                AutoReply: true),
            cancellationToken);
        return true;
    }

    /// <summary>Korean when the mail is written in Korean (any Hangul syllable), English otherwise.</summary>
    public static bool IsKorean(string text) => text.Any(c => c is >= '\uAC00' and <= '\uD7A3');
}
