using System.Text;
using Microsoft.AspNetCore.Html;

namespace SupportPlatform.Lounge.Highlighting;

/// <summary>A piece of a title or snippet, marked when it matches the search.</summary>
public readonly record struct Segment(string Text, bool Matched);

/// <summary>
/// Marks where a search query occurs in a result. Korean attaches particles to words
/// ("랜섬웨어를", "스팸서버에서"), so a Hangul word of three or more syllables also matches without
/// its last one. Case-insensitive; pure.
/// </summary>
public static class MatchHighlighter
{
    public static IReadOnlyList<string> Needles(string? query)
    {
        var words = (query ?? string.Empty).Normalize(NormalizationForm.FormC)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('[', ']', '(', ')', '"', '\'', ',', '.', '?', '!'))
            .Where(w => w.Length >= 2 || (w.Length == 1 && !char.IsAsciiLetterOrDigit(w[0]) && char.IsLetter(w[0])))
            .ToList();
        var needles = new List<string>(words);
        foreach (var word in words)
        {
            if (word.Length >= 3 && word.All(Recommending.RecommendationText.IsHangul))
            {
                needles.Add(word[..^1]);
            }
        }

        // Longest first, so "랜섬웨어" wins over "랜섬웨" where both match.
        return [.. needles.Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(n => n.Length)];
    }

    public static IReadOnlyList<Segment> Split(string text, string? query)
    {
        var needles = Needles(query);
        var normalized = text.Normalize(NormalizationForm.FormC);
        if (needles.Count == 0 || normalized.Length == 0)
        {
            return [new Segment(normalized, false)];
        }

        var matched = new bool[normalized.Length];
        foreach (var needle in needles)
        {
            for (var at = normalized.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
                 at >= 0;
                 at = normalized.IndexOf(needle, at + needle.Length, StringComparison.OrdinalIgnoreCase))
            {
                Array.Fill(matched, true, at, needle.Length);
            }
        }

        var segments = new List<Segment>();
        var start = 0;
        for (var i = 1; i <= normalized.Length; i++)
        {
            if (i == normalized.Length || matched[i] != matched[start])
            {
                segments.Add(new Segment(normalized[start..i], matched[start]));
                start = i;
            }
        }

        return segments;
    }

    /// <summary>The text HTML-encoded, with matches in <c>&lt;mark&gt;</c>.</summary>
    public static IHtmlContent Render(string text, string? query)
    {
        var html = new HtmlContentBuilder();
        foreach (var segment in Split(text, query))
        {
            if (segment.Matched)
            {
                html.AppendHtml("<mark>").Append(segment.Text).AppendHtml("</mark>");
            }
            else
            {
                html.Append(segment.Text);
            }
        }

        return html;
    }
}
