using System.Text;
using System.Text.RegularExpressions;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// Just enough MIME to check what reached the SMTP server, written independently of
/// System.Net.Mail so the test does not trust the encoder it checks: unfolded headers, RFC 2047
/// encoded words (each decoded on its own, as a strict client would), multipart bodies, base64 and
/// quoted-printable.
/// </summary>
public sealed partial record ReceivedEmail(IReadOnlyDictionary<string, string> Headers, string? Text, string? Html)
{
    public string Subject => DecodeWords(Headers["Subject"]);

    /// <summary>The envelope recipient, as aiosmtpd recorded it.</summary>
    public string EnvelopeTo => Headers["X-RcptTo"];

    public string MessageId => Headers["Message-ID"];

    public static ReceivedEmail Parse(string raw)
    {
        var (headers, body) = SplitEntity(raw.Replace("\r\n", "\n", StringComparison.Ordinal));
        string? text = null, html = null;
        Collect(headers, body, ref text, ref html);
        return new ReceivedEmail(headers, text, html);
    }

    public static string DecodeWords(string value)
    {
        // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
        var joined = BetweenWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, match =>
        {
            // Strict: a word cut inside a multi-byte character is an encoder bug, not something to paper over.
            var charset = Encoding.GetEncoding(match.Groups["charset"].Value, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            var payload = match.Groups["text"].Value;
            var bytes = match.Groups["encoding"].Value.ToUpperInvariant() == "B"
                ? Convert.FromBase64String(payload)
                : QuotedPrintable(payload.Replace('_', ' '));
            return charset.GetString(bytes);
        });
    }

    private static void Collect(IReadOnlyDictionary<string, string> headers, string body, ref string? text, ref string? html)
    {
        var contentType = headers.GetValueOrDefault("Content-Type", "text/plain");
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = Boundary().Match(contentType).Groups["boundary"].Value;
            var parts = body.Split("--" + boundary);
            foreach (var part in parts.Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal)))
            {
                var (partHeaders, partBody) = SplitEntity(part.TrimStart('\n'));
                Collect(partHeaders, partBody, ref text, ref html);
            }

            return;
        }

        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit").Trim().ToLowerInvariant();
        var bytes = encoding switch
        {
            "base64" => Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))),
            "quoted-printable" => QuotedPrintable(body.Replace("=\n", string.Empty, StringComparison.Ordinal)),
            _ => Encoding.UTF8.GetBytes(body),
        };
        var decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        if (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            html = decoded;
        }
        else
        {
            text = decoded;
        }
    }

    private static (Dictionary<string, string> Headers, string Body) SplitEntity(string entity)
    {
        var end = entity.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? entity : entity[..end];
        var body = end < 0 ? string.Empty : entity[(end + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Unfold().Replace(head, " ").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, body);
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"\n[ \t]+")]
    private static partial Regex Unfold();

    [GeneratedRegex("boundary=\"?(?<boundary>[^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();
}
