using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace SupportPlatform.Lounge.Rendering;

/// <summary>
/// Customer and agent messages are Markdown written by people: raw HTML is shown as text, and a
/// link or image that could run code (<c>javascript:</c>, <c>data:</c>) loses its target.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly string[] SafeSchemes = ["http:", "https:", "mailto:"];

    public static IHtmlContent ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? string.Empty, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }

        return new HtmlString(document.ToHtml(Pipeline));
    }

    private static bool IsSafe(string? url) =>
        url is null || !url.Contains(':', StringComparison.Ordinal) || SafeSchemes.Any(s => url.TrimStart().StartsWith(s, StringComparison.OrdinalIgnoreCase));
}
