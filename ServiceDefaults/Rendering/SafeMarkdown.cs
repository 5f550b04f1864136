using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SupportPlatform.ServiceDefaults.Rendering;

/// <summary>
/// Markdown written by people (customers, agents, article editors) as HTML, the one way every
/// service renders it. Raw HTML is never passed through (it comes out as text), and every link and
/// image keeps its target only if the target is http, https or mailto — or, in articles, relative.
/// Anything else (<c>javascript:</c>, <c>vbscript:</c>, <c>data:</c>, in any case, entity-encoded or
/// split by control characters) becomes <c>#</c>: Markdig itself passes any URL through.
/// </summary>
public static class SafeMarkdown
{
    public static readonly IReadOnlyList<string> AllowedSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string? markdown, MarkdownProfile profile)
    {
        var document = Markdown.Parse(markdown ?? string.Empty, profile.Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            // An image in a message would be fetched from wherever its author chose: shown as a link instead.
            link.IsImage &= profile.Images;
            if (!IsAllowed(link.Url, profile.RelativeLinks))
            {
                link.Url = "#";
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>().Where(link => !link.IsEmail && !IsAllowed(link.Url, relativeAllowed: false)))
        {
            link.Url = "#";
        }

        return document.ToHtml(profile.Pipeline);
    }

    /// <summary>The text a reader sees, one block per line: what search indexes and snippets quote.</summary>
    public static string ToPlainText(string? markdown, MarkdownProfile profile) =>
        Markdown.ToPlainText(markdown ?? string.Empty, profile.Pipeline).Replace("\r", string.Empty, StringComparison.Ordinal);

    /// <summary>
    /// Whether a browser would follow <paramref name="url"/> with an allowed scheme. Markdig has
    /// already decoded entities (<c>&amp;#106;avascript:</c>); browsers drop tabs and line breaks
    /// anywhere in a URL and controls and spaces at its ends before reading the scheme, so all of
    /// those are ignored here, and whatever stands before the first colon that precedes any
    /// <c>/ ? #</c> is the scheme. No scheme means a relative link.
    /// </summary>
    public static bool IsAllowed(string? url, bool relativeAllowed)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var significant = string.Concat(url.Where(c => c > ' ' && !char.IsControl(c)));
        var colon = significant.IndexOf(':', StringComparison.Ordinal);
        var pathStart = significant.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (pathStart >= 0 && pathStart < colon))
        {
            return relativeAllowed;
        }

        return AllowedSchemes.Contains(significant[..colon], StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>
/// What a kind of text may contain. Each profile has its own pipeline, built in one place, so that
/// two pages showing the same kind of text show it the same way.
/// </summary>
public sealed class MarkdownProfile
{
    /// <summary>Knowledge articles: tables, bare URLs as links, images, and relative links to other pages of the site.</summary>
    public static readonly MarkdownProfile Article = new("article", b => b.UsePipeTables().UseAutoLinks(), relativeLinks: true, images: true);

    /// <summary>What a customer wrote (details, follow-ups): their line breaks kept and bare URLs as links; no images, no relative links.</summary>
    public static readonly MarkdownProfile CustomerMessage = new("customer message", b => b.UseAutoLinks().UseSoftlineBreakAsHardlineBreak(), relativeLinks: false, images: false);

    /// <summary>
    /// An agent's reply as the customer's email shows it: line breaks kept, images as links (an email
    /// loads nothing remote), absolute links only (a relative link means nothing in a mailbox).
    /// </summary>
    public static readonly MarkdownProfile Email = new("email", b => b.UseSoftlineBreakAsHardlineBreak(), relativeLinks: false, images: false);

    /// <summary>
    /// An agent's reply or note in a page (the desk's thread and reply preview, the Lounge): exactly
    /// the email's rendering, so the preview never shows what the email will not.
    /// </summary>
    public static readonly MarkdownProfile StaffReply = Email;

    public static IReadOnlyList<MarkdownProfile> All { get; } = [Article, CustomerMessage, Email];

    private MarkdownProfile(string name, Func<MarkdownPipelineBuilder, MarkdownPipelineBuilder> extensions, bool relativeLinks, bool images)
    {
        Name = name;
        Pipeline = extensions(new MarkdownPipelineBuilder().DisableHtml()).Build();
        RelativeLinks = relativeLinks;
        Images = images;
    }

    public string Name { get; }

    public bool RelativeLinks { get; }

    public bool Images { get; }

    internal MarkdownPipeline Pipeline { get; }

    public override string ToString() => Name;
}
