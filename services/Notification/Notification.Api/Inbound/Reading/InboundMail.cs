using System.Text.RegularExpressions;
using MimeKit;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Notification.Inbound.Reading;

/// <summary>What kind of mail came in, which decides everything else.</summary>
public enum InboundKind
{
    /// <summary>A person's mail: matched to an inquiry, or answered with a pointer to the form.</summary>
    Message,

    /// <summary>An out-of-office or other automatic answer: never answered, never stored (no loops).</summary>
    AutoReply,

    /// <summary>A delivery status notification about one of our emails.</summary>
    Bounce,
}

/// <summary>
/// An incoming email as the reader needs it, taken apart once (MimeKit decodes charsets,
/// transfer encodings and RFC 2047 headers). Only ever in memory.
/// </summary>
/// <param name="MessageId">The Message-ID, or null when the sender set none.</param>
/// <param name="Recipients">Every address it was sent to (To, Cc, Delivered-To, X-Original-To): the reply address may be in any.</param>
/// <param name="Answers">In-Reply-To and References: the Message-IDs it answers.</param>
/// <param name="Original">All of its text; <paramref name="Text"/> is it without quoted history and signature.</param>
/// <param name="BouncedMessageIds">For a bounce: the Message-IDs of the mail that could not be delivered.</param>
/// <param name="Attachments">Its files, decoded, for Inquiry's attachment store (<see cref="FilesOf"/>).</param>
public sealed partial record InboundMail(
    InboundKind Kind,
    string? MessageId,
    string? From,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<string> Answers,
    string Text,
    string Original,
    string? Authentication,
    bool AuthenticationFailed,
    IReadOnlyList<string> BouncedMessageIds,
    IReadOnlyList<InboundAttachment> Attachments)
{
    /// <summary>
    /// EUC-KR/CP949 (ks_c_5601-1987) and ISO-2022-KR are code-page encodings, which .NET decodes only
    /// once their provider is registered. Before MimeKit's first use: it caches the encodings it finds,
    /// and falls back to Latin-1 for the rest (mojibake, not an error).
    /// </summary>
    public static void RegisterEncodings() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static InboundMail Read(MimeMessage message)
    {
        var kind = IsBounce(message) ? InboundKind.Bounce : IsAutoReply(message) ? InboundKind.AutoReply : InboundKind.Message;
        var original = BodyText(message);
        var (verdicts, failed) = AuthenticationOf(message);
        return new InboundMail(
            kind,
            message.MessageId,
            message.From.Mailboxes.FirstOrDefault()?.Address,
            RecipientsOf(message),
            [.. new[] { message.InReplyTo }.OfType<string>().Concat(message.References)],
            ReplyText.Strip(original),
            original,
            verdicts,
            failed,
            kind == InboundKind.Bounce ? BouncedIds(message) : [],
            kind == InboundKind.Message ? FilesOf(message) : []);
    }

    /// <summary>
    /// The parts a mail client shows as files: those marked as attachments, and named inline parts
    /// that are not text (pasted screenshots). At most <see cref="InboundAttachment.MaxListed"/>; the
    /// content only of those within <see cref="InboundAttachment.MaxBytes"/> and, together,
    /// <see cref="InboundAttachment.MaxTotalBytes"/> — Inquiry notes the others as too large.
    /// </summary>
    public static IReadOnlyList<InboundAttachment> FilesOf(MimeMessage message)
    {
        var files = new List<InboundAttachment>();
        long sent = 0;
        foreach (var part in message.BodyParts.OfType<MimePart>().Where(p => p.IsAttachment || (p is not TextPart && p.FileName is not null)).Take(InboundAttachment.MaxListed))
        {
            using var content = new MemoryStream();
            part.Content?.DecodeTo(content);
            var fits = content.Length <= InboundAttachment.MaxBytes && sent + content.Length <= InboundAttachment.MaxTotalBytes;
            sent += fits ? content.Length : 0;
            files.Add(new InboundAttachment(part.FileName ?? string.Empty, content.Length, fits ? content.ToArray() : null));
        }

        return files;
    }

    private static IReadOnlyList<string> RecipientsOf(MimeMessage message) =>
        [.. message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address)
            .Concat(new[] { "Delivered-To", "X-Original-To", "Envelope-To" }.SelectMany(name => message.Headers.Where(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)))
                .Select(h => h.Value.Trim().Trim('<', '>')))
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    private static string BodyText(MimeMessage message) =>
        message.TextBody is { Length: > 0 } text ? text
        : message.HtmlBody is { Length: > 0 } html ? HtmlText.ToText(html)
        : string.Empty;

    private static bool IsBounce(MimeMessage message) =>
        message.Body is MultipartReport { ReportType: { } type } && type.Equals("delivery-status", StringComparison.OrdinalIgnoreCase);

    /// <summary>RFC 3834 and what clients that ignore it send instead (Exchange, Korean webmail 부재중 answers).</summary>
    public static bool IsAutoReply(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers[HeaderId.AutoSubmitted] is { } auto && !auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || (headers["X-Auto-Response-Suppress"]?.Contains("All", StringComparison.OrdinalIgnoreCase) ?? false)
            || headers.Contains(HeaderId.ListId))
        {
            return true;
        }

        if (headers[HeaderId.Precedence] is { } precedence && precedence.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply")
        {
            return true;
        }

        return AutoReplySubject().IsMatch(message.Subject ?? string.Empty);
    }

    [GeneratedRegex(@"^\s*(\[?(부재중|자동\s*회신|자동\s*응답)\]?|Out of Office|Automatic reply|Auto(matic)?[- ]?Reply|Autosvar|Abwesenheitsnotiz)", RegexOptions.IgnoreCase)]
    private static partial Regex AutoReplySubject();

    /// <summary>
    /// The verdicts of the topmost <c>Authentication-Results</c>, the one our own receiving server
    /// added (lower ones came with the message and prove nothing). Only the method=result words are
    /// kept, never the domains or addresses the header names.
    /// </summary>
    public static (string? Verdicts, bool Failed) AuthenticationOf(MimeMessage message)
    {
        if (message.Headers[HeaderId.AuthenticationResults] is not { } header)
        {
            return (null, false);
        }

        var verdicts = Verdict().Matches(header)
            .Select(m => (Method: m.Groups["method"].Value.ToLowerInvariant(), Result: m.Groups["result"].Value.ToLowerInvariant()))
            .DistinctBy(v => v.Method)
            .ToList();
        return verdicts.Count == 0
            ? (null, false)
            : (string.Join(' ', verdicts.Select(v => $"{v.Method}={v.Result}")), verdicts.Any(v => v.Result is "fail" or "softfail" or "permerror"));
    }

    [GeneratedRegex(@"\b(?<method>spf|dkim|dmarc)\s*=\s*(?<result>[a-z]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Verdict();

    private static IReadOnlyList<string> BouncedIds(MimeMessage message)
    {
        // The returned message or its headers (text/rfc822-headers, which MimeKit also reads as a message part).
        return [.. message.BodyParts.OfType<MessagePart>().Select(part => part.Message?.MessageId).OfType<string>()];
    }
}
