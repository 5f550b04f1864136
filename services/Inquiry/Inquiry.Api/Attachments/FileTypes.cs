using System.Text;

namespace SupportPlatform.Inquiry.Attachments;

public sealed record FileType(string ContentType, string Extension);

/// <summary>
/// Decides what a file is from its bytes, never from its name or the client's Content-Type,
/// against an allow-list: PNG, JPEG, GIF, PDF, ZIP, plain text/logs and emails (.eml).
/// </summary>
public static class FileTypes
{
    public static readonly FileType Png = new("image/png", ".png");
    public static readonly FileType Jpeg = new("image/jpeg", ".jpg");
    public static readonly FileType Gif = new("image/gif", ".gif");
    public static readonly FileType Pdf = new("application/pdf", ".pdf");
    public static readonly FileType Zip = new("application/zip", ".zip");
    public static readonly FileType Text = new("text/plain", ".txt");
    public static readonly FileType Email = new("message/rfc822", ".eml");

    private static readonly string[] EmailHeaders =
        ["received:", "return-path:", "from:", "to:", "subject:", "date:", "message-id:", "mime-version:", "delivered-to:", "x-", "dkim-signature:", "reply-to:"];

    /// <summary>The detected type, or null when the content is not on the allow-list.</summary>
    public static FileType? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (content.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (content.StartsWith("PK\x03\x04"u8) || content.StartsWith("PK\x05\x06"u8))
        {
            return Zip;
        }

        return IsText(content) ? (LooksLikeEmail(content) ? Email : Text) : null;
    }

    /// <summary>Valid UTF-8 without NUL, DEL or other control characters than tab, CR, LF, FF and ESC (coloured logs).</summary>
    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty || !System.Text.Unicode.Utf8.IsValid(content))
        {
            return false;
        }

        foreach (var b in content)
        {
            if (b == 0x7F || (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1B)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikeEmail(ReadOnlySpan<byte> content)
    {
        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 256)]).TrimStart('\uFEFF');
        var firstLine = head.Split('\n', 2)[0].ToLowerInvariant();
        return EmailHeaders.Any(h => firstLine.StartsWith(h, StringComparison.Ordinal)) && firstLine.Contains(':', StringComparison.Ordinal);
    }
}
