using System.Text.RegularExpressions;

namespace SupportPlatform.Knowledge.Searching;

/// <summary>An SMTP status code found in text: the basic reply code (RFC 5321) and/or the enhanced one (RFC 3463).</summary>
/// <param name="Basic">The three-digit reply ("550"), or 0 when only an enhanced code was given.</param>
/// <param name="Class">2 success, 4 persistent transient failure, 5 permanent failure.</param>
/// <param name="Subject">RFC 3463 subject: 1 addressing, 2 mailbox, 3 mail system, 4 network and routing, 5 mail delivery protocol, 6 message content, 7 security or policy; -1 when unknown.</param>
/// <param name="Detail">RFC 3463/5248 detail within the subject; -1 when unknown.</param>
public readonly record struct SmtpStatus(int Basic, int Class, int Subject, int Detail);

/// <summary>
/// What an SMTP rejection pasted into a query means, in the words the articles use for the block
/// reasons they name (RBL, SPF 검사, 시간당 접속 횟수 제한, 최대 수신자 수 제한, …). It reads the status
/// codes by their standard structure (class, subject, detail) rather than a list of example
/// replies, so a code no article spells out ("421 4.4.5", "550 5.7.99") still finds the articles of
/// its kind; a few reply texts that name the reason outright ("blocked using", "too many connections")
/// refine a code whose detail is generic. Pure.
/// </summary>
public static partial class SmtpReplies
{
    /// <summary>Why the mail was refused, in the articles' own words.</summary>
    public enum Reason
    {
        Rejected,
        TooManyRecipients,
        ConnectionLimits,
        Blocklisted,
        SenderPolicy,
        DnsCheck,
        Authentication,
        RecipientRefused,
        SenderRefused,
    }

    /// <summary>The articles' words for each reason: the block reasons of the monitoring list and their settings.</summary>
    public static string Words(Reason reason) => reason switch
    {
        Reason.TooManyRecipients => "최대 수신자 수 제한 반송",
        Reason.ConnectionLimits => "시간당 접속 횟수 제한 동시 접속 횟수 제한 차단",
        Reason.Blocklisted => "RBL 차단",
        Reason.SenderPolicy => "SPF 검사 차단",
        Reason.DnsCheck => "DNS 검사 차단",
        Reason.Authentication => "SMTP 인증 차단",
        Reason.RecipientRefused => "수신자 차단",
        Reason.SenderRefused => "송신자 차단",
        _ => "차단 오류 메시지 수신거부",
    };

    [GeneratedRegex(@"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)")]
    private static partial Regex EnhancedCode();

    [GeneratedRegex(@"(?<![\d.])([245][0-5]\d)(?![\d]|\.\d)")]
    private static partial Regex BasicCode();

    /// <summary>The status codes in a text, each basic code paired with the enhanced code that follows it.</summary>
    public static IReadOnlyList<SmtpStatus> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var found = new List<SmtpStatus>();
        var enhanced = EnhancedCode().Matches(text).ToList();
        var basics = BasicCode().Matches(text).Where(b => enhanced.All(e => b.Index < e.Index || b.Index >= e.Index + e.Length)).ToList();
        foreach (var basic in basics)
        {
            var code = int.Parse(basic.Value, System.Globalization.CultureInfo.InvariantCulture);
            // "550 5.7.1": the enhanced code right after the basic one belongs to it.
            var partner = enhanced.FirstOrDefault(e => e.Index > basic.Index && text[(basic.Index + basic.Length)..e.Index].Trim(' ', '-', ':').Length == 0);
            if (partner is not null)
            {
                enhanced.Remove(partner);
                found.Add(Enhanced(partner) with { Basic = code });
            }
            else
            {
                found.Add(new SmtpStatus(code, code / 100, -1, -1));
            }
        }

        found.AddRange(enhanced.Select(Enhanced));
        return found.Where(s => s.Class is 4 or 5).ToList();
    }

    private static SmtpStatus Enhanced(Match match) => new(
        0,
        match.Groups[1].Value[0] - '0',
        int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The reason a status code gives by its subject and detail (RFC 3463, the RFC 5248 registry), or what its basic code alone says.</summary>
    public static Reason ReasonOf(SmtpStatus status) => (status.Subject, status.Detail) switch
    {
        (5, 3) => Reason.TooManyRecipients,           // x.5.3 too many recipients
        (4, 5) => Reason.ConnectionLimits,            // x.4.5 mail system congestion
        (4, 1) or (4, 2) => Reason.ConnectionLimits,  // no answer from host, bad connection
        (4, _) => Reason.DnsCheck,                    // x.4.3 directory server failure, x.4.4 unable to route
        (7, 8) or (7, 9) or (7, 11) or (7, 12) => Reason.Authentication, // credentials invalid, mechanism too weak, encryption required, password transition
        (7, 23) or (7, 24) or (7, 26) => Reason.SenderPolicy,             // SPF validation failed / error, multiple authentication checks failed
        (7, 25) or (7, 27) or (7, 28) => Reason.DnsCheck,                 // reverse DNS failed, null MX
        (1, 7) or (1, 8) => Reason.SenderRefused,     // bad sender mailbox syntax, bad sender's system address
        (1, _) => Reason.RecipientRefused,            // addressing: the destination
        (-1, _) => status.Basic switch
        {
            421 => Reason.ConnectionLimits,           // service not available, closing the channel: what a connection limit answers
            452 => Reason.TooManyRecipients,          // insufficient storage: in reply to RCPT, the recipient limit
            _ => Reason.Rejected,
        },
        _ => Reason.Rejected,                         // x.7.x security or policy, and anything else: a refusal
    };

    // Reply texts that name their reason, for codes whose detail is generic (x.7.0, x.7.1, a bare 554).
    [GeneratedRegex(@"\b(blocked using|blacklist|blocklist|black list|block list|dnsbl|rbl|spamhaus|spamcop|barracuda|listed (?:at|in|on|by))", RegexOptions.IgnoreCase)]
    private static partial Regex BlocklistText();

    [GeneratedRegex(@"\b(too many connections|connection limit|connection rate|rate limit|rate limited|too many messages|throttl\w*|try again later|temporarily deferred)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionText();

    [GeneratedRegex(@"\b(too many recipients?|recipient limit|maximum recipients)", RegexOptions.IgnoreCase)]
    private static partial Regex RecipientLimitText();

    [GeneratedRegex(@"\b(spf|sender policy)", RegexOptions.IgnoreCase)]
    private static partial Regex SpfText();

    [GeneratedRegex(@"\b(reverse dns|ptr record|no dns|dns lookup|helo|ehlo)", RegexOptions.IgnoreCase)]
    private static partial Regex DnsText();

    [GeneratedRegex(@"\b(sender address rejected|sender rejected|sender blocked)", RegexOptions.IgnoreCase)]
    private static partial Regex SenderText();

    /// <summary>
    /// The reasons a text states: each code's reason, refined by a reply text that names one
    /// (a text's reason wins over a code's generic refusal), or the reply text alone.
    /// </summary>
    public static IReadOnlyList<Reason> Reasons(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var stated = new List<Reason>();
        if (BlocklistText().IsMatch(text)) stated.Add(Reason.Blocklisted);
        if (ConnectionText().IsMatch(text)) stated.Add(Reason.ConnectionLimits);
        if (RecipientLimitText().IsMatch(text)) stated.Add(Reason.TooManyRecipients);
        if (SpfText().IsMatch(text)) stated.Add(Reason.SenderPolicy);
        if (DnsText().IsMatch(text)) stated.Add(Reason.DnsCheck);
        if (SenderText().IsMatch(text)) stated.Add(Reason.SenderRefused);

        var reasons = new List<Reason>();
        foreach (var status in Parse(text))
        {
            var reason = ReasonOf(status);
            reasons.Add(reason == Reason.Rejected && stated.Count > 0 ? stated[0] : reason);
        }

        reasons.AddRange(stated);
        return reasons.Distinct().ToList();
    }

    /// <summary>The articles' words for everything a text's SMTP replies say, or empty.</summary>
    public static string Explain(string? text) => string.Join(' ', Reasons(text).Select(Words));
}
