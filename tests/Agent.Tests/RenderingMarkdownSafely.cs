using System.Net;
using System.Text.RegularExpressions;
using SupportPlatform.ServiceDefaults.Rendering;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// The stored-XSS payload classes of the black-box test (issue 20, finding 1), through every
/// Markdown profile: no link or image may come out with a scheme a browser would run.
/// </summary>
public sealed partial class RenderingMarkdownSafely
{
    public static TheoryData<string, string> EveryPayloadThroughEveryProfile()
    {
        var data = new TheoryData<string, string>();
        foreach (var profile in Profiles.Keys)
        {
            foreach (var payload in UnsafeMarkdown.Payloads)
            {
                data.Add(profile, payload);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPayloadThroughEveryProfile))]
    public void No_payload_yields_a_script_capable_url_or_raw_markup(string profile, string payload)
    {
        var html = SafeMarkdown.ToHtml(payload, Profiles[profile]);

        foreach (Match attribute in UrlAttribute().Matches(html))
        {
            var scheme = SchemeAsBrowsersReadIt(WebUtility.HtmlDecode(attribute.Groups["url"].Value));
            Assert.True(scheme is null or "http" or "https" or "mailto", $"{profile}: {payload} gave {attribute.Value}");
        }

        Assert.DoesNotMatch(RawTag(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [Theory]
    [InlineData("article")]
    [InlineData("customer message")]
    [InlineData("staff reply")]
    [InlineData("email")]
    public void Http_https_and_mailto_links_keep_their_targets(string profile)
    {
        var html = SafeMarkdown.ToHtml("[a](https://ok.test/a) [b](HTTP://ok.test/b) [c](mailto:help@vendor.test) <https://ok.test/c> <help@vendor.test>", Profiles[profile]);

        Assert.Contains("href=\"https://ok.test/a\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"HTTP://ok.test/b\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:help@vendor.test\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://ok.test/c\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_articles_keep_relative_links_and_images()
    {
        const string markdown = "[다른 문서](/articles/spam-filter) ![그림](/images/a.png)";

        var article = SafeMarkdown.ToHtml(markdown, MarkdownProfile.Article);
        var message = SafeMarkdown.ToHtml(markdown, MarkdownProfile.CustomerMessage);

        Assert.Contains("href=\"/articles/spam-filter\"", article, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/images/a.png\"", article, StringComparison.Ordinal);
        Assert.DoesNotContain("/articles/spam-filter", message, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_desks_reply_preview_is_the_emails_rendering()
    {
        const string reply = "안녕하세요.\n**설정** ▶ 필터\n\n| a | b |\n|---|---|\n\n~~취소~~ https://ok.test/";

        Assert.Equal(SafeMarkdown.ToHtml(reply, MarkdownProfile.Email), SafeMarkdown.ToHtml(reply, MarkdownProfile.StaffReply));
        Assert.DoesNotContain("<table", SafeMarkdown.ToHtml(reply, MarkdownProfile.StaffReply), StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, MarkdownProfile> Profiles = new()
    {
        ["article"] = MarkdownProfile.Article,
        ["customer message"] = MarkdownProfile.CustomerMessage,
        ["staff reply"] = MarkdownProfile.StaffReply,
        ["email"] = MarkdownProfile.Email,
    };

    /// <summary>
    /// The scheme a browser would use (WHATWG URL: tabs and line breaks removed anywhere, C0
    /// controls and spaces trimmed at the ends), or null for a relative URL.
    /// </summary>
    private static string? SchemeAsBrowsersReadIt(string url)
    {
        var cleaned = url.Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal)
            .Trim(Enumerable.Range(0, 0x21).Select(c => (char)c).ToArray());
        return Scheme().Match(cleaned) is { Success: true } match ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex("(?:href|src|action|formaction)\\s*=\\s*\"(?<url>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):")]
    private static partial Regex Scheme();

    [GeneratedRegex("<(?:script|iframe|object|embed|form)", RegexOptions.IgnoreCase)]
    private static partial Regex RawTag();

    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
