using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SupportPlatform.Knowledge.Articles;

/// <summary>
/// Article Markdown to HTML and to plain text. Raw HTML is disabled, so a <c>&lt;script&gt;</c> in an
/// article is shown as text; links and images that would run code (<c>javascript:</c>, <c>data:</c>)
/// lose their target, because Markdig itself passes any URL through.
/// </summary>
public static class ArticleMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    private static readonly string[] SafeSchemes = ["http:", "https:", "mailto:"];

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
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

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The text a reader sees, one block per line: what search indexes and snippets quote.</summary>
    public static string ToPlainText(string markdown) =>
        Markdown.ToPlainText(markdown, Pipeline).Replace("\r", string.Empty, StringComparison.Ordinal);

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        var trimmed = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        // Relative links (no scheme before the first path character) stay as written.
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true;
        }

        return SafeSchemes.Any(scheme => trimmed.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));
    }
}
