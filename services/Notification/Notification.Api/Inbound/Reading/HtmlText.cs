using System.Text;
using MimeKit.Text;

namespace SupportPlatform.Notification.Inbound.Reading;

/// <summary>
/// The text of an HTML-only email, with nothing of its markup: scripts, styles and the head are
/// dropped, block elements become line breaks, and a blockquote's lines get the '&gt; ' a plain-text
/// client would write, so <see cref="ReplyText"/> strips quoted history the same way for both.
/// Uses MimeKit's HTML tokenizer (no DOM, no script, no network).
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "template" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "blockquote", "section", "article",
    };

    public static string ToText(string html)
    {
        var text = new StringBuilder();
        var line = new StringBuilder();
        var quoteDepth = 0;
        var droppedDepth = 0;

        void EndLine()
        {
            var content = line.ToString().Trim();
            line.Clear();
            if (content.Length == 0 && (text.Length == 0 || text.ToString().EndsWith("\n\n", StringComparison.Ordinal)))
            {
                return;
            }

            text.Append(string.Concat(Enumerable.Repeat("> ", quoteDepth))).Append(content).Append('\n');
        }

        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when Dropped.Contains(tag.Name):
                    if (!tag.IsEmptyElement)
                    {
                        droppedDepth = Math.Max(0, droppedDepth + (tag.IsEndTag ? -1 : 1));
                    }

                    break;
                case HtmlTagToken tag when Blocks.Contains(tag.Name):
                    EndLine();
                    if (tag.Name.Equals("blockquote", StringComparison.OrdinalIgnoreCase))
                    {
                        quoteDepth = Math.Max(0, quoteDepth + (tag.IsEndTag ? -1 : 1));
                    }

                    break;
                case HtmlDataToken data when droppedDepth == 0:
                    line.Append(CollapseSpace(data.Data));
                    break;
            }
        }

        EndLine();
        return text.ToString().Trim();
    }

    private static string CollapseSpace(string data)
    {
        var collapsed = new StringBuilder(data.Length);
        var space = false;
        foreach (var c in data)
        {
            var isSpace = char.IsWhiteSpace(c) || c == '\u00a0';
            if (isSpace && !space)
            {
                collapsed.Append(' ');
            }
            else if (!isSpace)
            {
                collapsed.Append(c);
            }

            space = isSpace;
        }

        return collapsed.ToString();
    }
}
