using System.Text;
using System.Text.RegularExpressions;

namespace SupportPlatform.Agent.SavedReplies.Rendering;

/// <summary>The variables a saved reply may use, by the names agents type between <c>{{ }}</c>.</summary>
public static class ReplyVariables
{
    public const string Company = "회사명";
    public const string InquiryNumber = "문의번호";
    public const string Assignee = "담당자";
    public const string LoungeLink = "고객케어 라운지 링크";

    public static IReadOnlyList<string> All { get; } = [Company, InquiryNumber, Assignee, LoungeLink];

    public static string Token(string name) => "{{" + name + "}}";
}

/// <summary>What a template became for one inquiry, and which variables had no value (left in the text as they were).</summary>
public sealed record RenderedReply(string Text, IReadOnlyList<string> Unfilled);

/// <summary>
/// Saved replies are Markdown with <c>{{variable}}</c> placeholders. Filling them is pure: the
/// values come from the caller at the moment of insertion and never reach the template's storage.
/// A variable without a value stays in the text as <c>{{name}}</c>, visible to the agent, and
/// <see cref="Placeholders"/> lets the send path refuse a reply that still holds one: a customer
/// never gets "안녕하세요,  고객님" with the company silently missing.
/// </summary>
public static partial class ReplyTemplate
{
    public static RenderedReply Render(string template, IReadOnlyDictionary<string, string?> values)
    {
        var unfilled = new List<string>();
        var text = Variable().Replace(template, match =>
        {
            var name = match.Groups["name"].Value.Trim();
            if (!ReplyVariables.All.Contains(name))
            {
                return match.Value;
            }

            if (values.GetValueOrDefault(name) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return name == ReplyVariables.LoungeLink ? value : EscapeMarkdown(value);
            }

            if (!unfilled.Contains(name))
            {
                unfilled.Add(name);
            }

            return ReplyVariables.Token(name);
        });
        return new RenderedReply(text, unfilled);
    }

    /// <summary>The <c>{{…}}</c> names in a template that are not variables (a typo such as <c>{{회사}}</c>), for the editor to refuse.</summary>
    public static IReadOnlyList<string> UnknownVariables(string template) =>
        [.. Variable().Matches(template).Select(m => m.Groups["name"].Value.Trim()).Where(name => !ReplyVariables.All.Contains(name)).Distinct()];

    /// <summary>The variables still unfilled in a reply about to be sent.</summary>
    public static IReadOnlyList<string> Placeholders(string? text) =>
        text is null ? [] : [.. Variable().Matches(text).Select(m => m.Groups["name"].Value.Trim()).Where(ReplyVariables.All.Contains).Distinct()];

    /// <summary>
    /// A company name such as <c>*주식회사* [본사]</c> must read as itself, not as emphasis or a link:
    /// the few characters that start Markdown inline syntax are escaped. Brackets and parentheses
    /// alone stay, since "(주)" is everyday Korean and no link forms without <c>[</c>.
    /// </summary>
    private static string EscapeMarkdown(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' or '~' or '|')
            {
                escaped.Append('\\');
            }

            escaped.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return escaped.ToString();
    }

    [GeneratedRegex(@"\{\{(?<name>[^{}\r\n]{1,40})\}\}")]
    private static partial Regex Variable();
}
