using System.Text;

namespace SupportPlatform.Inquiry.Attachments;

/// <summary>Makes a client's file name safe to store, show and offer for download.</summary>
public static class FileNames
{
    public const int MaxLength = 120;

    private static readonly char[] Forbidden = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', ';', '%'];

    /// <summary>
    /// Drops any path, control and reserved characters, keeps Korean and other letters (NFC), and
    /// makes the extension match the detected type, so "invoice.pdf.exe" holding a PDF becomes
    /// "invoice.pdf.exe.pdf" and cannot be opened as a program.
    /// </summary>
    public static string Sanitize(string? fileName, FileType type)
    {
        var name = (fileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Normalize(NormalizationForm.FormC);
        var cleaned = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsControl(c) && !char.IsSurrogate(c) && Array.IndexOf(Forbidden, c) < 0 && c is not ('\u200B' or '\u202E' or '\uFEFF'))
            {
                cleaned.Append(c);
            }
        }

        var safe = cleaned.ToString().Trim().Trim('.').Trim();
        if (safe.Length == 0)
        {
            safe = "attachment";
        }

        var matchesType = safe.EndsWith(type.Extension, StringComparison.OrdinalIgnoreCase)
            || (type == FileTypes.Jpeg && safe.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            || (type == FileTypes.Text && safe.EndsWith(".log", StringComparison.OrdinalIgnoreCase));
        if (!matchesType)
        {
            safe += type.Extension;
        }

        if (safe.Length > MaxLength)
        {
            var extension = Path.GetExtension(safe);
            safe = safe[..(MaxLength - extension.Length)] + extension;
        }

        return safe;
    }
}
