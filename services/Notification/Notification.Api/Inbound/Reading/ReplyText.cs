using System.Text.RegularExpressions;

namespace SupportPlatform.Notification.Inbound.Reading;

/// <summary>
/// The customer's own words in an emailed answer: the text up to the quoted history and the
/// signature that mail clients add, found by the markers Korean and English clients write
/// (Outlook, Gmail, Naver, Daum, DaouOffice, Apple Mail). Pure; the full text is kept beside it.
/// </summary>
public static partial class ReplyText
{
    /// <summary>How many lines an Outlook-style header block (보낸 사람: / From: …) may span.</summary>
    private const int HeaderBlockLines = 6;

    public static string Strip(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var end = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (StartsHistory(lines, i))
            {
                end = i;
                break;
            }
        }

        // Quoted lines left at the end (a reply above a '>' quote with no marker), then blank lines.
        while (end > 0 && (lines[end - 1].TrimStart().StartsWith('>') || string.IsNullOrWhiteSpace(lines[end - 1])))
        {
            end--;
        }

        // A mobile client's one-line signature right at the end.
        if (end > 0 && MobileSignature().IsMatch(lines[end - 1].Trim()))
        {
            end--;
        }

        var kept = string.Join('\n', lines[..end]).TrimEnd();
        // Everything was history (a marker on the first line): better the whole text than nothing.
        return kept.Length > 0 ? kept : text.Trim();
    }

    private static bool StartsHistory(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (line.Length == 0)
        {
            return false;
        }

        if (line is "--" or "-- " || lines[i] == "-- " || OriginalMessage().IsMatch(line) || KoreanWrote().IsMatch(line))
        {
            return true;
        }

        // "On Mon, Dec 7, 2026 at 3:00 PM Name <address> wrote:", which clients wrap over two lines.
        var joined = i + 1 < lines.Length ? line + " " + lines[i + 1].Trim() : line;
        if (EnglishWrote().IsMatch(line) || (line.StartsWith("On ", StringComparison.Ordinal) && EnglishWrote().IsMatch(joined))
            || KoreanWrote().IsMatch(joined) && KoreanWroteStart().IsMatch(line))
        {
            return true;
        }

        // Outlook's rule of underscores above its header block.
        if (line.Length >= 8 && line.All(c => c == '_'))
        {
            return lines.Skip(i + 1).FirstOrDefault(l => l.Trim().Length > 0) is { } next && HeaderFrom().IsMatch(next.Trim()) && StartsHistory(lines, Array.IndexOf(lines, next, i + 1));
        }

        // Outlook's and DaouOffice's header block: From/보낸 사람 followed by Sent/To/Subject lines.
        if (HeaderFrom().IsMatch(line))
        {
            return lines.Skip(i + 1).Take(HeaderBlockLines).Count(l => HeaderField().IsMatch(l.Trim())) >= 2;
        }

        return false;
    }

    [GeneratedRegex(@"^-{2,}\s*(Original Message|원본 메시지|원본 메일|Forwarded message|전달된 메시지|Message d'origine)\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^On\s.+\swrote:$")]
    private static partial Regex EnglishWrote();

    /// <summary>Gmail's Korean attribution: 2026년 12월 7일 (월) 오후 3:00, 이름 &lt;주소&gt;님이 작성:</summary>
    [GeneratedRegex(@"^\d{4}년\s*\d{1,2}월\s*\d{1,2}일.*작성:?$")]
    private static partial Regex KoreanWrote();

    [GeneratedRegex(@"^\d{4}년\s*\d{1,2}월\s*\d{1,2}일")]
    private static partial Regex KoreanWroteStart();

    [GeneratedRegex(@"^\*?(보낸\s*사람|From)\s*\*?\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(보낸\s*날짜|날짜|받는\s*사람|참조|제목|Sent|Date|To|Cc|Subject)\s*\*?\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderField();

    [GeneratedRegex(@"^(Sent from my .+|Get Outlook for .+|.+에서 보냄|.+에서 보낸 메일입니다\.?)$", RegexOptions.IgnoreCase)]
    private static partial Regex MobileSignature();
}
