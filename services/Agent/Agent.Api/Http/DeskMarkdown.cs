using Markdig;

namespace SupportPlatform.Agent.Http;

/// <summary>
/// Markdown as the desk shows it (replies, previews, customer text): raw HTML is escaped, never
/// passed through, so a customer's message cannot inject markup into a staff page.
/// </summary>
public static class DeskMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    public static string ToHtml(string? markdown) => Markdown.ToHtml(markdown ?? "", Pipeline);

    /// <summary>A Markdown link to an article, appended on its own line to what the agent has written.</summary>
    public static string AppendLink(string? body, string title, string url)
    {
        var link = $"[{title.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal)}]({url})";
        return string.IsNullOrWhiteSpace(body) ? link : body.TrimEnd() + "\n\n" + link;
    }
}
